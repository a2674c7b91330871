namespace LoyaltyHub.Core.Tenancy;

/// <summary>
/// The tenant the current unit of work acts for. Read by the EF query filters and the save-time
/// guard, so every query and every write of tenant-owned data is scoped by it.
/// </summary>
public interface ITenantContext
{
    /// <summary>The current tenant, or null for anonymous requests and platform-level work.</summary>
    Guid? TenantId { get; }
}

/// <summary>
/// Scoped, mutable holder of the current tenant. It is set once per HTTP request (from the user's
/// claim), once per Blazor circuit, or explicitly by a job or public link handler through
/// <see cref="Enter"/>. A tenant id taken from a request's URL or body is never put here.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Set(Guid? tenantId) => TenantId = tenantId;

    /// <summary>Acts for <paramref name="tenantId"/> until the returned scope is disposed.</summary>
    public IDisposable Enter(Guid tenantId)
    {
        var previous = TenantId;
        TenantId = tenantId;
        return new Restore(this, previous);
    }

    private sealed class Restore(TenantContext context, Guid? previous) : IDisposable
    {
        public void Dispose() => context.TenantId = previous;
    }
}

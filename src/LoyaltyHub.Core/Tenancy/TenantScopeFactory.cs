using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Tenancy;

/// <summary>
/// Opens a DI scope that acts for one tenant: what jobs, sign-up and other background work use
/// to reach tenant-owned data with the same filters and guard as a signed-in user.
/// </summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes)
{
    public AsyncServiceScope CreateScope(Guid tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return scope;
    }
}

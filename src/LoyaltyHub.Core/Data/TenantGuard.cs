using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Save-time half of tenant isolation: new tenant-owned rows get the current tenant, and any
/// write to a row of another tenant (or with no tenant in scope) throws before it reaches the
/// database. Query filters keep reads in the tenant; this keeps writes there.
/// </summary>
internal static class TenantGuard
{
    public static void Check(ChangeTracker changeTracker, Guid? currentTenant)
    {
        foreach (var entry in changeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State == EntityState.Added)
            {
                ClaimNew(entry.Entity, currentTenant);
                continue;
            }

            var tenant = Current(entry.Entity, currentTenant);
            if (entry.Entity.TenantId != tenant || entry.Property(e => e.TenantId).OriginalValue != tenant)
            {
                throw OtherTenant(entry.Entity);
            }
        }
    }

    /// <summary>A new row, tracked or written in bulk (see <see cref="BulkInsert"/>): it gets the current tenant and may not name another.</summary>
    public static void ClaimNew(ITenantOwned row, Guid? currentTenant)
    {
        var tenant = Current(row, currentTenant);
        if (row.TenantId == Guid.Empty)
        {
            row.TenantId = tenant;
        }

        if (row.TenantId != tenant)
        {
            throw OtherTenant(row);
        }
    }

    private static Guid Current(ITenantOwned row, Guid? currentTenant) => currentTenant
        ?? throw new TenantIsolationException($"A {row.GetType().Name} cannot be written without a tenant in scope.");

    private static TenantIsolationException OtherTenant(ITenantOwned row) =>
        new($"A {row.GetType().Name} of another tenant cannot be written from this tenant's scope.");
}

/// <summary>Thrown when code tries to write tenant-owned data outside the current tenant.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);

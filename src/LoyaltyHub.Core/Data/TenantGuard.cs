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

            if (currentTenant is not { } tenant)
            {
                throw new TenantIsolationException(
                    $"A {entry.Metadata.ClrType.Name} cannot be written without a tenant in scope.");
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = tenant;
            }

            var original = entry.State == EntityState.Added
                ? entry.Entity.TenantId
                : entry.Property(e => e.TenantId).OriginalValue;
            if (entry.Entity.TenantId != tenant || original != tenant)
            {
                throw new TenantIsolationException(
                    $"A {entry.Metadata.ClrType.Name} of another tenant cannot be written from this tenant's scope.");
            }
        }
    }
}

/// <summary>Thrown when code tries to write tenant-owned data outside the current tenant.</summary>
public sealed class TenantIsolationException(string message) : InvalidOperationException(message);

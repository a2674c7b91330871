using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// The scoped <see cref="IDbContextFactory{AppDbContext}"/>: leases a context from the app's pool
/// and points it at this scope's tenant before anyone can query with it, so the query filters and
/// the save guard read the scope's tenant as they did with a new context per call. Disposing the
/// context gives it back to the pool, which resets its state (tracked entities, transaction, options
/// like AutoSavepointsEnabled); the next lease sets the tenant again.
/// </summary>
internal sealed class TenantContexts(PooledDbContextFactory<AppDbContext> pool, ITenantContext tenant) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext()
    {
        var db = pool.CreateDbContext();
        db.ActFor(tenant);
        return db;
    }

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var db = await pool.CreateDbContextAsync(cancellationToken);
        db.ActFor(tenant);
        return db;
    }
}

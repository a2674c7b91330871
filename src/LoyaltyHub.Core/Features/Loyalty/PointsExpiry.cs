using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// Writes Expire rows for what is left of each earn lot past its expiry, per <see cref="PointsFifo"/>.
/// Idempotent: an Expire row takes its lot to zero, so a second run finds nothing. A lot spent in
/// full before it expired gets no row, and is looked at again by later runs (cheap: one read of
/// one customer's ledger, and no write when nothing is due). <see cref="PointsExpiryJob"/> runs it.
/// </summary>
public sealed class PointsExpiry(TenantScopeFactory scopes, WriteGate writes)
{
    /// <summary>
    /// Expires the points of every customer of <paramref name="tenantId"/> whose lots expire at or
    /// before <paramref name="dueBy"/>, dating the Expire rows <paramref name="dueBy"/>: the moment
    /// the points stopped being valid. Returns the points expired.
    /// </summary>
    public async Task<long> ExpireDueAsync(Guid tenantId, DateTime dueBy, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScope(tenantId);
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        List<int> customers;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var entries = db.Set<PointEntry>();
            customers = await entries
                .Where(e => e.Kind == PointKind.Earn && e.ExpiresAt <= dueBy && !entries.Any(x => x.LotId == e.Id))
                .Select(e => e.CustomerId).Distinct().ToListAsync(ct);
        }

        long expired = 0;
        foreach (var customerId in customers)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Read first without a transaction: most candidates spent their old lots, and need no write lock.
            if ((await DueAsync(db, customerId, dueBy, ct)).Count > 0)
            {
                expired += await ExpireCustomerAsync(db, tenantId, customerId, dueBy, ct);
            }
        }

        return expired;
    }

    private async Task<long> ExpireCustomerAsync(AppDbContext db, Guid tenantId, int customerId, DateTime dueBy, CancellationToken ct)
    {
        await using var transaction = await writes.BeginAsync(db, ct);
        // A zero change locks the balance row (PostgreSQL; SQLite has one writer already), so no
        // purchase spends from the lots between the read below and the update.
        await LedgerWriter.TryApplyAsync(db, tenantId, customerId, new BalanceChange(0, 0), ct);
        var due = await DueAsync(db, customerId, dueBy, ct);
        var total = due.Sum(d => d.Points);
        if (total == 0)
        {
            return 0;
        }

        if (await LedgerWriter.TryApplyAsync(db, tenantId, customerId, new BalanceChange(-total, 0), ct) is null)
        {
            throw new InvalidOperationException($"The balance cache of customer {customerId} is below its ledger's remaining lots.");
        }

        foreach (var (lotId, points) in due)
        {
            db.Add(new PointEntry
            {
                CustomerId = customerId, Delta = -points, Kind = PointKind.Expire, LotId = lotId, Reason = "Points validity ended", CreatedAt = dueBy,
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return total;
    }

    private static async Task<IReadOnlyList<(long LotId, long Points)>> DueAsync(AppDbContext db, int customerId, DateTime dueBy, CancellationToken ct)
    {
        var rows = await db.Set<PointEntry>().AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.Id)
            .Select(e => new LotRow(e.Id, e.Delta, e.Kind, e.ExpiresAt, e.LotId))
            .ToListAsync(ct);
        return PointsFifo.Due(rows, dueBy);
    }
}

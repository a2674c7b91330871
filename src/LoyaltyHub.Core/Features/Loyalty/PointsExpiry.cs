using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// Writes Expire rows for what is left of each earn lot past its expiry, per <see cref="PointsFifo"/>.
/// Idempotent: an Expire row takes its lot to zero, so a second run finds nothing. A lot spent in
/// full before it expired gets no row, and is looked at again by later runs (cheap: one read of
/// the ledgers of a chunk of customers, and no write when nothing is due). Customers are handled
/// <see cref="Chunk"/> at a time: one read and one transaction per chunk, so a tenant with
/// thousands of customers due (the demo seed's history) takes seconds, not minutes, while a
/// transaction still holds SQLite's single writer only briefly. <see cref="PointsExpiryJob"/> runs it.
/// </summary>
public sealed class PointsExpiry(TenantScopeFactory scopes, WriteGate writes)
{
    /// <summary>Customers per read and per transaction.</summary>
    internal const int Chunk = 100;

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
                .Select(e => e.CustomerId).Distinct().OrderBy(id => id).ToListAsync(ct);
        }

        long expired = 0;
        foreach (var chunk in customers.Chunk(Chunk))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Read first without a transaction: most candidates spent their old lots, and need no write lock.
            var due = (await DueAsync(db, chunk, dueBy, ct)).Keys.ToList();
            if (due.Count > 0)
            {
                expired += await ExpireCustomersAsync(db, tenantId, due, dueBy, ct);
            }
        }

        return expired;
    }

    private async Task<long> ExpireCustomersAsync(AppDbContext db, Guid tenantId, List<int> customers, DateTime dueBy, CancellationToken ct)
    {
        await using var transaction = await writes.BeginAsync(db, ct);
        // A zero change locks each balance row (PostgreSQL, in customer order; SQLite has one writer
        // already), so no purchase spends from the lots between the read below and the update.
        foreach (var customerId in customers)
        {
            await LedgerWriter.TryApplyAsync(db, tenantId, customerId, new BalanceChange(0, 0), ct);
        }

        long expired = 0;
        var rows = new List<PointEntry>();
        foreach (var (customerId, due) in await DueAsync(db, customers, dueBy, ct))
        {
            var total = due.Sum(d => d.Points);
            if (await LedgerWriter.TryApplyAsync(db, tenantId, customerId, new BalanceChange(-total, 0), ct) is null)
            {
                throw new InvalidOperationException($"The balance cache of customer {customerId} is below its ledger's remaining lots.");
            }

            rows.AddRange(due.Select(d => new PointEntry
            {
                CustomerId = customerId, Delta = -d.Points, Kind = PointKind.Expire, LotId = d.LotId, Reason = "Points validity ended", CreatedAt = dueBy,
            }));
            expired += total;
        }

        // Without the change tracker: a chunk can hold thousands of rows (the demo seed's first run).
        await db.InsertAsync(rows, ct);
        await transaction.CommitAsync(ct);
        return expired;
    }

    /// <summary>The lots due of each of <paramref name="customers"/> that has any, from one read of their ledgers.</summary>
    private static async Task<SortedDictionary<int, IReadOnlyList<(long LotId, long Points)>>> DueAsync(
        AppDbContext db, IReadOnlyCollection<int> customers, DateTime dueBy, CancellationToken ct)
    {
        var rows = await db.Set<PointEntry>().AsNoTracking().Where(e => customers.Contains(e.CustomerId))
            .Select(e => new { e.CustomerId, Row = new LotRow(e.Id, e.Delta, e.Kind, e.ExpiresAt, e.LotId) })
            .ToListAsync(ct);
        var due = new SortedDictionary<int, IReadOnlyList<(long LotId, long Points)>>();
        foreach (var ledger in rows.GroupBy(r => r.CustomerId))
        {
            var lots = PointsFifo.Due(ledger.Select(r => r.Row).OrderBy(r => r.Id).ToList(), dueBy);
            if (lots.Count > 0)
            {
                due[ledger.Key] = lots;
            }
        }

        return due;
    }
}

using System.Globalization;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>The change a ledger write makes to a customer's cached balance.</summary>
internal readonly record struct BalanceChange(long Points, long CashbackMinor, int Visits = 0, int Purchases = 0)
{
    /// <summary>Points the balance must hold before the change (what is spent); earned points cannot pay for it.</summary>
    public long PointsNeeded { get; init; } = Math.Max(0, -Points);

    public long CashbackNeeded { get; init; } = Math.Max(0, -CashbackMinor);
}

/// <summary>
/// The balance cache's two statements. Both run inside the caller's transaction, next to the
/// ledger rows they mirror.
/// </summary>
internal static class LedgerWriter
{
    public static string NotEnoughPoints(long available, long needed) =>
        string.Create(CultureInfo.InvariantCulture, $"Not enough points: {available} available, {needed} needed.");

    public static string NotEnoughCashback(long available, long needed) =>
        string.Create(CultureInfo.InvariantCulture, $"Not enough cashback: {Money.ToText(available)} available, {Money.ToText(needed)} needed.");

    /// <summary>
    /// Creates the customer's balance row if missing. Called as the FIRST statement of every ledger
    /// transaction: on SQLite a write takes the database's write lock (waiting its turn) before the
    /// transaction has read anything, so it never has to upgrade a stale read snapshot ("database is
    /// locked"); on PostgreSQL it is a no-op once the row exists.
    /// </summary>
    public static Task EnsureBalanceAsync(AppDbContext db, Guid tenantId, int customerId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "LoyaltyBalances" ("CustomerId", "TenantId", "Points", "CashbackMinor", "VisitCount", "PurchaseCount", "Version") VALUES ({customerId}, {tenantId}, 0, 0, 0, 0, 0) ON CONFLICT ("CustomerId") DO NOTHING""",
            ct);

    /// <summary>
    /// Applies <paramref name="change"/> only if the balance still covers what it spends: one
    /// conditional UPDATE, so of two concurrent spends the database lets exactly one through
    /// (PostgreSQL re-checks the WHERE on the row the first one committed; SQLite runs them one
    /// after the other). False when the balance is short; nothing is then changed.
    /// </summary>
    public static async Task<bool> TryApplyAsync(AppDbContext db, int customerId, BalanceChange change, CancellationToken ct)
    {
        var updated = await db.Set<LoyaltyBalance>()
            .Where(b => b.CustomerId == customerId
                && b.Points >= change.PointsNeeded && b.Points + change.Points >= 0
                && b.CashbackMinor >= change.CashbackNeeded && b.CashbackMinor + change.CashbackMinor >= 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Points, b => b.Points + change.Points)
                .SetProperty(b => b.CashbackMinor, b => b.CashbackMinor + change.CashbackMinor)
                .SetProperty(b => b.VisitCount, b => b.VisitCount + change.Visits)
                .SetProperty(b => b.PurchaseCount, b => b.PurchaseCount + change.Purchases)
                .SetProperty(b => b.Version, b => b.Version + 1), ct);
        return updated == 1;
    }

    public static Task<LoyaltyBalance> ReadAsync(AppDbContext db, int customerId, CancellationToken ct) =>
        db.Set<LoyaltyBalance>().AsNoTracking().SingleAsync(b => b.CustomerId == customerId, ct);
}

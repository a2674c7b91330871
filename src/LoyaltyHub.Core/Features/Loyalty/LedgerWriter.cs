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

    /// <summary>Nothing is spent and nothing goes down: a missing balance row can start at this change.</summary>
    public bool OnlyAdds => PointsNeeded == 0 && CashbackNeeded == 0 && Points >= 0 && CashbackMinor >= 0 && Visits >= 0 && Purchases >= 0;
}

/// <summary>The cached balance after a change.</summary>
internal sealed class BalanceRow
{
    public long Points { get; set; }

    public long CashbackMinor { get; set; }

    public int PurchaseCount { get; set; }
}

/// <summary>
/// The balance cache's one statement, run inside the caller's transaction next to the ledger rows
/// it mirrors, as the caller's first write to the customer's balance.
/// </summary>
internal static class LedgerWriter
{
    public static string NotEnoughPoints(long available, long needed) =>
        string.Create(CultureInfo.InvariantCulture, $"Not enough points: {available} available, {needed} needed.");

    public static string NotEnoughCashback(long available, long needed) =>
        string.Create(CultureInfo.InvariantCulture, $"Not enough cashback: {Money.ToText(available)} available, {Money.ToText(needed)} needed.");

    /// <summary>
    /// Applies <paramref name="change"/> only if the balance still covers what it spends, and
    /// returns the balance after it; null when the balance is short (nothing is then changed). One
    /// statement, so of two concurrent spends the database lets exactly one through (PostgreSQL
    /// re-checks the WHERE on the row the first one committed; SQLite runs them one after the
    /// other). A change that only adds creates the row if missing (an upsert); one that spends
    /// needs the row, as a missing row is a zero balance. On PostgreSQL the statement also locks
    /// the row until the transaction ends, so a zero change is how a reader of the ledger locks it.
    /// </summary>
    public static async Task<BalanceRow?> TryApplyAsync(AppDbContext db, Guid tenantId, int customerId, BalanceChange change, CancellationToken ct)
    {
        var (points, cashback, visits, purchases) = (change.Points, change.CashbackMinor, change.Visits, change.Purchases);
        var rows = change.OnlyAdds
            ? db.Database.SqlQuery<BalanceRow>($"""
                INSERT INTO "LoyaltyBalances" ("CustomerId", "TenantId", "Points", "CashbackMinor", "VisitCount", "PurchaseCount", "Version")
                VALUES ({customerId}, {tenantId}, {points}, {cashback}, {visits}, {purchases}, 1)
                ON CONFLICT ("CustomerId") DO UPDATE SET
                    "Points" = "LoyaltyBalances"."Points" + excluded."Points",
                    "CashbackMinor" = "LoyaltyBalances"."CashbackMinor" + excluded."CashbackMinor",
                    "VisitCount" = "LoyaltyBalances"."VisitCount" + excluded."VisitCount",
                    "PurchaseCount" = "LoyaltyBalances"."PurchaseCount" + excluded."PurchaseCount",
                    "Version" = "LoyaltyBalances"."Version" + 1
                WHERE "LoyaltyBalances"."TenantId" = excluded."TenantId"
                RETURNING "Points", "CashbackMinor", "PurchaseCount"
                """)
            : db.Database.SqlQuery<BalanceRow>($"""
                UPDATE "LoyaltyBalances" SET
                    "Points" = "Points" + {points},
                    "CashbackMinor" = "CashbackMinor" + {cashback},
                    "VisitCount" = "VisitCount" + {visits},
                    "PurchaseCount" = "PurchaseCount" + {purchases},
                    "Version" = "Version" + 1
                WHERE "CustomerId" = {customerId} AND "TenantId" = {tenantId}
                    AND "Points" >= {change.PointsNeeded} AND "Points" + {points} >= 0
                    AND "CashbackMinor" >= {change.CashbackNeeded} AND "CashbackMinor" + {cashback} >= 0
                RETURNING "Points", "CashbackMinor", "PurchaseCount"
                """);
        return (await rows.ToListAsync(ct)).SingleOrDefault();
    }

    /// <summary>The cached balance; zero before the first ledger row.</summary>
    public static async Task<BalanceRow> ReadAsync(AppDbContext db, int customerId, CancellationToken ct) =>
        await db.Set<LoyaltyBalance>().Where(b => b.CustomerId == customerId)
            .Select(b => new BalanceRow { Points = b.Points, CashbackMinor = b.CashbackMinor, PurchaseCount = b.PurchaseCount })
            .FirstOrDefaultAsync(ct) ?? new BalanceRow();
}

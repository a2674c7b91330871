using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Rewards;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// Read side of one customer's loyalty for the customer portal and the manager's customer page:
/// balance (from the cache), points expiring soon (from the FIFO lots), rewards usable in at least
/// one shop (with where), purchases, points
/// ledger and gift cards bought. Tenant-scoped through the query filters: a customer of another
/// tenant (or unknown) gives null.
/// </summary>
public sealed class CustomerLoyaltyQueries(IDbContextFactory<AppDbContext> dbFactory, RewardService rewards, TimeProvider clock)
{
    /// <summary>Rows in the summary's recent purchases and ledger.</summary>
    public const int RecentRows = 20;

    public async Task<CustomerLoyaltySummary?> SummaryAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            return null;
        }

        var balance = await db.Set<LoyaltyBalance>().AsNoTracking().Where(b => b.CustomerId == customerId)
            .Select(b => new { b.Points, b.CashbackMinor }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var expiring = await ExpiringAsync(db, customerId, now, ct);
        var badges = await rewards.AvailableAnywhereAsync(customerId, ct);
        var purchases = await WithLinesAsync(db, await PurchaseRows(db, customerId).Take(RecentRows).ToListAsync(ct), ct);
        var ledger = await LedgerRows(db, customerId).Take(RecentRows).ToListAsync(ct);
        var cards = await db.Set<GiftCard>().AsNoTracking().Where(g => g.BuyerCustomerId == customerId).OrderByDescending(g => g.Id)
            .Select(g => new GiftCardRow(g.Id, g.Number, g.InitialAmountMinor, g.BalanceMinor, g.Currency, g.ExpiresOn, g.CreatedAt))
            .ToListAsync(ct);
        var currency = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Currency).FirstOrDefaultAsync(ct) ?? "EUR";
        return new CustomerLoyaltySummary(customerId, balance?.Points ?? 0, balance?.CashbackMinor ?? 0, currency,
            expiring.Where(e => e.ExpiresAt <= now.AddDays(30)).Sum(e => e.Points),
            expiring.Where(e => e.ExpiresAt <= now.AddDays(60)).Sum(e => e.Points),
            expiring, badges, purchases, ledger, cards);
    }

    /// <summary>Points that expire within <paramref name="days"/> days and the first day some do: the counter's reminder to spend them.</summary>
    public async Task<ExpiringSoon> ExpiringSoonAsync(int customerId, int days = 30, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = (await ExpiringAsync(db, customerId, now, ct)).Where(e => e.ExpiresAt <= now.AddDays(days)).ToList();
        return new ExpiringSoon(soon.Sum(e => e.Points), soon.Count == 0 ? null : soon.Min(e => e.ExpiresAt));
    }

    /// <summary>One page of the customer's purchases, newest first; null for a customer not of this tenant.</summary>
    public async Task<RowPage<PurchaseRow>?> PurchasesAsync(int customerId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            return null;
        }

        var page = await PurchaseRows(db, customerId).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return new RowPage<PurchaseRow>(await WithLinesAsync(db, page, ct), await db.Set<Purchase>().CountAsync(p => p.CustomerId == customerId, ct));
    }

    /// <summary>The lines of these purchases (of this tenant; others' ids find nothing), by purchase id, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<PurchaseLineRow>>> LinesAsync(IReadOnlyCollection<long> purchaseIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(purchaseIds);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LinesOfAsync(db, purchaseIds, ct);
    }

    /// <summary>One page of the customer's points ledger, newest first; null for a customer not of this tenant.</summary>
    public async Task<RowPage<PointsRow>?> LedgerAsync(int customerId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            return null;
        }

        return new RowPage<PointsRow>(await LedgerRows(db, customerId).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct),
            await db.Set<PointEntry>().CountAsync(e => e.CustomerId == customerId, ct));
    }

    /// <summary>Points of each lot still left that expire after <paramref name="now"/> within 60 days, soonest first.</summary>
    private static async Task<IReadOnlyList<ExpiringPoints>> ExpiringAsync(AppDbContext db, int customerId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Set<PointEntry>().AsNoTracking().Where(e => e.CustomerId == customerId).OrderBy(e => e.Id)
            .Select(e => new LotRow(e.Id, e.Delta, e.Kind, e.ExpiresAt, e.LotId)).ToListAsync(ct);
        var expiries = rows.Where(r => r.Delta > 0 && r.ExpiresAt is not null).ToDictionary(r => r.Id, r => r.ExpiresAt!.Value);
        var horizon = now.AddDays(60);
        return PointsFifo.Remaining(rows)
            .Where(kv => kv.Value > 0 && expiries.TryGetValue(kv.Key, out var at) && at <= horizon)
            .GroupBy(kv => expiries[kv.Key].Date)
            .Select(g => new ExpiringPoints(g.Key, g.Sum(kv => kv.Value)))
            .OrderBy(e => e.ExpiresAt)
            .ToList();
    }

    /// <summary>The customer's purchases as rows without their lines (see <see cref="WithLinesAsync"/>), newest or oldest first.</summary>
    internal static IQueryable<PurchaseRow> PurchaseRows(AppDbContext db, int customerId, bool newestFirst = true)
    {
        var purchases = db.Set<Purchase>().AsNoTracking().Where(p => p.CustomerId == customerId);
        return (newestFirst ? purchases.OrderByDescending(p => p.Id) : purchases.OrderBy(p => p.Id))
            .Select(p => new PurchaseRow(p.Id, p.CreatedAt, p.ShopId, db.Shops.Where(s => s.Id == p.ShopId).Select(s => s.Name).First(),
                p.AmountMinor, p.Currency, p.PointsEarned, p.PointsSpent, p.VoidedAt != null)
            {
                CashbackEarnedMinor = p.CashbackEarnedMinor, CashbackSpentMinor = p.CashbackSpentMinor, GiftCardPaidMinor = p.GiftCardPaidMinor,
            });
    }

    /// <summary>The rows with their lines, read in one query for the whole page (not one per purchase).</summary>
    internal static async Task<IReadOnlyList<PurchaseRow>> WithLinesAsync(AppDbContext db, IReadOnlyList<PurchaseRow> rows, CancellationToken ct)
    {
        var lines = await LinesOfAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => lines.TryGetValue(r.Id, out var mine) ? r with { Lines = mine } : r).ToList();
    }

    private static async Task<IReadOnlyDictionary<long, IReadOnlyList<PurchaseLineRow>>> LinesOfAsync(
        AppDbContext db, IReadOnlyCollection<long> purchaseIds, CancellationToken ct)
    {
        if (purchaseIds.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<PurchaseLineRow>>();
        }

        var ids = purchaseIds.Distinct().ToList();
        var lines = await db.Set<PurchaseLine>().AsNoTracking().Where(l => ids.Contains(l.PurchaseId)).OrderBy(l => l.Id)
            .Select(l => new PurchaseLineRow(l.PurchaseId,
                db.Set<Category>().Where(c => c.Id == l.CategoryId).Select(c => c.Name).FirstOrDefault(),
                db.Set<Product>().Where(p => p.Id == l.ProductId).Select(p => p.Name).FirstOrDefault(),
                l.Quantity, l.AmountMinor))
            .ToListAsync(ct);
        return lines.GroupBy(l => l.PurchaseId).ToDictionary(g => g.Key, g => (IReadOnlyList<PurchaseLineRow>)g.ToList());
    }

    private static IQueryable<PointsRow> LedgerRows(AppDbContext db, int customerId) =>
        db.Set<PointEntry>().AsNoTracking().Where(e => e.CustomerId == customerId).OrderByDescending(e => e.Id)
            .Select(e => new PointsRow(e.Id, e.CreatedAt, e.Delta, e.Kind, e.PurchaseId, e.Reason));
}

public sealed record CustomerLoyaltySummary(
    int CustomerId, long Points, long CashbackMinor, string Currency, long ExpiringIn30Days, long ExpiringIn60Days,
    IReadOnlyList<ExpiringPoints> Expiring, IReadOnlyList<PortalReward> Rewards, IReadOnlyList<PurchaseRow> RecentPurchases,
    IReadOnlyList<PointsRow> RecentLedger, IReadOnlyList<GiftCardRow> GiftCards);

public sealed record ExpiringSoon(long Points, DateTime? FirstExpiry);

/// <summary>Points of lots expiring on one day (UTC date).</summary>
public sealed record ExpiringPoints(DateTime ExpiresAt, long Points);

public sealed record PurchaseRow(long Id, DateTime CreatedAt, int ShopId, string Shop, long AmountMinor, string Currency, long PointsEarned, long PointsSpent, bool Voided)
{
    /// <summary>With the points, what a void gives back: see <see cref="PurchaseService.VoidAsync"/>.</summary>
    public long CashbackEarnedMinor { get; init; }

    public long CashbackSpentMinor { get; init; }

    public long GiftCardPaidMinor { get; init; }

    /// <summary>What was bought, in the order the counter entered it; empty when only the amount was entered.</summary>
    public IReadOnlyList<PurchaseLineRow> Lines { get; init; } = [];
}

/// <summary>One line of a purchase: the category and product named (either may be missing), the quantity and the line's amount.</summary>
public sealed record PurchaseLineRow(long PurchaseId, string? Category, string? Product, int Quantity, long AmountMinor);

public sealed record PointsRow(long Id, DateTime CreatedAt, long Delta, PointKind Kind, long? PurchaseId, string? Reason);

public sealed record GiftCardRow(int Id, string Number, long InitialAmountMinor, long BalanceMinor, string Currency, DateOnly? ExpiresOn, DateTimeOffset CreatedAt);

public sealed record RowPage<T>(IReadOnlyList<T> Items, int Total);

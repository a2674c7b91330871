using System.Diagnostics.CodeAnalysis;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// What the screens show of the current tenant's web-shop orders: the manager's filtered list, one
/// order with its lines and return requests, and the counter's orders to collect. Read only; the
/// tenant's query filter scopes every query, so another merchant's order is simply not found.
/// </summary>
public sealed class OrderQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The manager's grid never asks for more rows than this at once.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The counter lists at most this many orders (the newest): a shop collects far fewer at once.</summary>
    public const int CounterLimit = 100;

    /// <summary>The manager's list: the filters, one page newest first, and how many match.</summary>
    public async Task<OrderPage> SearchAsync(OrderSearch search, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Order>().AsQueryable();
        if (search.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (search.PaymentState is { } payment)
        {
            query = query.Where(o => o.PaymentState == payment);
        }

        if (search.PickupShopId is { } shopId)
        {
            query = query.Where(o => o.PickupShopId == shopId);
        }

        if (search.From is not null || search.To is not null)
        {
            var zone = await TimeZoneAsync(db, cancellationToken);
            if (search.From is { } from)
            {
                var start = TimeZones.StartOfDay(from, zone);
                query = query.Where(o => o.PlacedAt >= start);
            }

            if (search.To is { } to)
            {
                var end = TimeZones.StartOfDay(to.AddDays(1), zone);
                query = query.Where(o => o.PlacedAt < end);
            }
        }

        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            query = Matching(query, search.Text.Trim());
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Rows(db, Newest(query).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))).ToListAsync(cancellationToken);
        return new OrderPage(rows, total);
    }

    /// <summary>
    /// The counter's list: orders collected at <paramref name="shopId"/> (any shop's pickup orders when
    /// null) in <paramref name="status"/> (every status when null), newest first, at most <see cref="CounterLimit"/>.
    /// Who may see which shop is the page's decision (<see cref="OrderReadyAccess.SeesAllShops"/>).
    /// </summary>
    public async Task<IReadOnlyList<OrderRow>> ToCollectAsync(int? shopId, OrderStatus? status = OrderStatus.Ready, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = shopId is { } id ? db.Set<Order>().Where(o => o.PickupShopId == id) : db.Set<Order>().Where(o => o.PickupShopId != null);
        if (status is { } wanted)
        {
            query = query.Where(o => o.Status == wanted);
        }

        return await Rows(db, Newest(query).Take(CounterLimit)).ToListAsync(cancellationToken);
    }

    /// <summary>One order of the current tenant with its lines, pickup shop and return requests; null for anyone else's.</summary>
    public async Task<OrderDetails?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines.OrderBy(l => l.Id)).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var shop = order.PickupShopId is { } shopId ? await db.Shops.Where(s => s.Id == shopId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var returns = await db.Set<ReturnRequest>().AsNoTracking().Where(r => r.OrderId == id).OrderByDescending(r => r.RequestedAt).ToListAsync(cancellationToken);
        return new OrderDetails(order, shop, returns);
    }

    /// <summary>The merchant's time zone, in which the screens show times and the filters read days.</summary>
    public async Task<TimeZoneInfo> TimeZoneAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TimeZoneAsync(db, cancellationToken);
    }

    private static async Task<TimeZoneInfo> TimeZoneAsync(AppDbContext db, CancellationToken cancellationToken) =>
        TimeZones.Find(await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken));

    /// <summary>
    /// The search box: an email (with "@": the start of the address), else the start of the order
    /// number, of the email, or of the customer's first, last or full name, case aside on both
    /// databases (SQLite's LIKE ignores ASCII case, PostgreSQL's does not: both sides are lower-cased). The list
    /// walks the (TenantId, PlacedAt, Id) index newest first and tests these as it goes: orders are
    /// far fewer than customers, and the page stops at its size.
    /// </summary>
    [SuppressMessage("Globalization", "CA1304", Justification = "Translated to SQL lower(): the query runs in the database, where .NET cultures do not apply.")]
    [SuppressMessage("Globalization", "CA1311", Justification = "Translated to SQL lower(), as above.")]
    [SuppressMessage("Performance", "CA1862", Justification = "StartsWith with a StringComparison has no SQL translation; both sides are lower-cased instead.")]
    private static IQueryable<Order> Matching(IQueryable<Order> query, string text)
    {
        var lower = text.ToLowerInvariant();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return query.Where(o => o.Email!.StartsWith(lower));
        }

        return query.Where(o => o.Number.ToLower().StartsWith(lower)
            || o.Email!.StartsWith(lower)
            || o.FirstName!.ToLower().StartsWith(lower)
            || o.LastName!.ToLower().StartsWith(lower)
            || (o.FirstName + " " + o.LastName).ToLower().StartsWith(lower)
            || (o.LastName + " " + o.FirstName).ToLower().StartsWith(lower));
    }

    /// <summary>Newest first; the id breaks ties so pages never overlap.</summary>
    private static IQueryable<Order> Newest(IQueryable<Order> query) => query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id);

    private static IQueryable<OrderRow> Rows(AppDbContext db, IQueryable<Order> orders) =>
        orders.Select(o => new OrderRow(o.Id, o.Number, o.FirstName, o.LastName, o.Email, o.AmountMinor, o.Currency, o.Status, o.PaymentState,
            o.PickupShopId, db.Shops.Where(s => s.Id == o.PickupShopId).Select(s => s.Name).FirstOrDefault(), o.PlacedAt));
}

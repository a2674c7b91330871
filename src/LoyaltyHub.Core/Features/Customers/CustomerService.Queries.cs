using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Customers;

public sealed partial class CustomerService
{
    /// <summary>The counter shows at most this many look-up results.</summary>
    public const int LookupLimit = 20;

    /// <summary>The manager's grid never asks for more rows than this at once.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// The manager's list counts matches up to this many: counting a million customers costs a
    /// quarter to half a second on either database for every page shown, counting this many a few
    /// milliseconds. Merchants up to this size still see exact totals.
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// The counter's search box: a card number (exact), else a phone (normalised, exact), else an
    /// email (exact), else the start of a name. Closed accounts are never found. Each seek is its own
    /// small query (see <see cref="LookupKeys"/>); the results are shown by name.
    /// </summary>
    public async Task<IReadOnlyList<CustomerRow>> LookupAsync(string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = LookupKeys.Parse(text, await CountryAsync(db, cancellationToken));
        foreach (var meaning in keys.Meanings)
        {
            var found = new List<CustomerRow>();
            foreach (var seek in meaning.Seeks)
            {
                found.AddRange(await Seek(db, seek).ToListAsync(cancellationToken));
            }

            if (found.Count > 0)
            {
                // The key the name seeks are ordered by, recomputed from the row (it is how SearchName is made).
                return [.. found.DistinctBy(r => r.Id).OrderBy(r => SearchKeys.Name(r.LastName, r.FirstName), StringComparer.Ordinal)
                    .ThenBy(r => r.Id).Take(LookupLimit)];
            }
        }

        return [];
    }

    /// <summary>The manager's list: filters, one page in the requested order, and the count (up to <see cref="CountLimit"/>).</summary>
    public async Task<CustomerPage> SearchAsync(CustomerSearch search, CustomerPaging paging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(paging);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Customers.AsQueryable();
        if (!search.IncludeClosed)
        {
            query = query.Where(c => c.Status == CustomerStatus.Active);
        }

        if (search.IsPro is { } pro)
        {
            query = query.Where(c => c.IsPro == pro);
        }

        if (search.ShopId is { } shopId)
        {
            query = query.Where(c => c.RegisteredShopId == shopId);
        }

        if (search.HasEmail is { } hasEmail)
        {
            query = hasEmail ? query.Where(c => c.Email != null) : query.Where(c => c.Email == null);
        }

        if (search.HasPhone is { } hasPhone)
        {
            query = hasPhone ? query.Where(c => c.Phone != null) : query.Where(c => c.Phone == null);
        }

        if (search.CreatedFrom is not null || search.CreatedTo is not null)
        {
            var zone = await TimeZoneAsync(db, cancellationToken);
            if (search.CreatedFrom is { } from)
            {
                var start = TimeZones.StartOfDay(from, zone);
                query = query.Where(c => c.CreatedAt >= start);
            }

            if (search.CreatedTo is { } to)
            {
                var end = TimeZones.StartOfDay(to.AddDays(1), zone);
                query = query.Where(c => c.CreatedAt < end);
            }
        }

        if (!string.IsNullOrWhiteSpace(search.Tag))
        {
            var tag = search.Tag.Trim().ToLowerInvariant();
            query = query.Where(c => db.CustomerTags.Any(t => t.CustomerId == c.Id && t.Tag == tag));
        }

        var keys = string.IsNullOrWhiteSpace(search.Text) ? null : LookupKeys.Parse(search.Text, await CountryAsync(db, cancellationToken));
        var matching = keys is null ? query : query.Where(keys.Any());

        // Any CountLimit + 1 matches will do. EF warns about a Take without an order; ordering by the
        // tenant (one value under the filter) satisfies it at no cost on either database and leaves
        // the planner free to count along whichever index fits the filters.
        var total = await matching.OrderBy(c => c.TenantId).Take(CountLimit + 1).CountAsync(cancellationToken);
        if (keys is not null && total > CountLimit)
        {
            // The text matches more than CountLimit customers: reading the sort order's index and
            // filtering finds a page sooner than sorting every match (SQLite, without histograms,
            // would pick the sort).
            matching = query.Where(keys.Any(asFilter: true));
        }

        var rows = await Rows(Order(matching, paging).Skip(Math.Max(0, paging.Skip)).Take(Math.Clamp(paging.Take, 1, MaxPageSize)))
            .ToListAsync(cancellationToken);
        return new CustomerPage(rows, Math.Min(total, CountLimit), total > CountLimit);
    }

    /// <summary>A customer of the current tenant, closed or not (the manager's page); null for anyone else's.</summary>
    public async Task<CustomerDetails?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Tags).Include(c => c.RegisteredShop)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var activated = await db.Users.Where(u => u.CustomerId == id).Select(u => (bool?)u.EmailConfirmed).FirstOrDefaultAsync(cancellationToken);
        var login = activated switch
        {
            null => CustomerLogin.None,
            true => CustomerLogin.Active,
            false => CustomerLogin.AwaitingActivation,
        };
        return new CustomerDetails(customer, customer.RegisteredShop?.Name, login);
    }

    /// <summary>What the counter may open: an active customer of the current tenant.</summary>
    public async Task<CustomerDetails?> FindActiveAsync(int id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) is { Customer.Status: CustomerStatus.Active } details ? details : null;

    /// <summary>The consent history of a customer of the current tenant, newest first.</summary>
    public async Task<IReadOnlyList<ConsentLogEntry>> ConsentLogAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConsentLog.AsNoTracking().Where(e => e.CustomerId == id)
            .OrderByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>One seek of the counter's look-up: active customers only, in the order of the index it seeks, at most <see cref="LookupLimit"/>.</summary>
    internal static IQueryable<CustomerRow> Seek(AppDbContext db, LookupSeek seek) =>
        Rows(db.Customers.Where(c => c.Status == CustomerStatus.Active).Where(seek.Where).OrderBy(seek.OrderBy).ThenBy(c => c.Id).Take(LookupLimit));

    private static IQueryable<CustomerRow> Rows(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerRow(c.Id, c.CardNumber, c.FirstName, c.LastName, c.Email, c.Phone, c.IsPro,
            c.Status, c.RegisteredShop == null ? null : c.RegisteredShop.Name, c.CreatedAt, c.LastVisitAt));

    /// <summary>Each sort follows one (TenantId, column) index; the id breaks ties so pages never overlap.</summary>
    private static IQueryable<Customer> Order(IQueryable<Customer> query, CustomerPaging paging) => (paging.Sort, paging.Descending) switch
    {
        (CustomerSort.Name, false) => query.OrderBy(c => c.SearchName).ThenBy(c => c.Id),
        (CustomerSort.Name, true) => query.OrderByDescending(c => c.SearchName).ThenByDescending(c => c.Id),
        (CustomerSort.CardNumber, false) => query.OrderBy(c => c.CardNumber),
        (CustomerSort.CardNumber, true) => query.OrderByDescending(c => c.CardNumber),
        (CustomerSort.LastVisitAt, false) => query.OrderBy(c => c.LastVisitAt).ThenBy(c => c.Id),
        (CustomerSort.LastVisitAt, true) => query.OrderByDescending(c => c.LastVisitAt).ThenByDescending(c => c.Id),
        (_, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        (_, true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
    };
}

using System.Runtime.CompilerServices;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>
/// The read model behind Transactions: every registered <see cref="ITransactionSource"/> of the
/// current tenant, filtered, newest first, paged in the database. Tenant-scoped by the context's
/// filter like everything else.
/// </summary>
public sealed class TransactionService(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<ITransactionSource> sources)
{
    public const int MaxPageSize = 200;

    public async Task<TransactionPage> PageAsync(TransactionFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await QueryAsync(db, filter, cancellationToken);
        if (query is null)
        {
            return new TransactionPage([], 0);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Sorted(query).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize)).ToListAsync(cancellationToken);
        return new TransactionPage(rows, total);
    }

    /// <summary>Every matching row, newest first, read as it is written out (the CSV export): memory stays flat.</summary>
    public async IAsyncEnumerable<TransactionRow> StreamAsync(TransactionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await QueryAsync(db, filter, cancellationToken);
        if (query is null)
        {
            yield break;
        }

        await foreach (var row in Sorted(query).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The tenant's time zone, in which the list shows dates and the filter reads days.</summary>
    public async Task<string> TimeZoneAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
    }

    private static IQueryable<TransactionRow> Sorted(IQueryable<TransactionRow> query) =>
        query.OrderByDescending(r => r.When).ThenByDescending(r => r.SourceId);

    private async Task<IQueryable<TransactionRow>?> QueryAsync(AppDbContext db, TransactionFilter filter, CancellationToken cancellationToken)
    {
        var zoneId = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        var query = new TransactionQuery(filter,
            filter.From is { } from ? StartOfDay(from, zone) : null,
            filter.To is { } to ? StartOfDay(to.AddDays(1), zone) : null);
        return sources.Where(s => filter.Type is null || s.Types.Contains(filter.Type.Value))
            .Select(s => s.Query(db, query))
            .Aggregate((IQueryable<TransactionRow>?)null, (all, next) => all is null ? next : all.Concat(next));
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

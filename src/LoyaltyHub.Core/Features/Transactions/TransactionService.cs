using System.Runtime.CompilerServices;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>
/// The read model behind Transactions: every registered <see cref="ITransactionSource"/> of the
/// current tenant, filtered, newest first, each source sorted in the database and merged (see <see cref="Newest"/>). Tenant-scoped by the context's
/// filter like everything else.
/// </summary>
public sealed class TransactionService(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<ITransactionSource> sources)
{
    public const int MaxPageSize = 200;

    public async Task<TransactionPage> PageAsync(TransactionFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await QueryAsync(db, filter, cancellationToken);
        var total = 0;
        var candidates = new List<TransactionRow>();
        foreach (var source in Matching(filter))
        {
            var rows = source.Query(db, query);
            total += await rows.CountAsync(cancellationToken);
            candidates.AddRange(await rows.Take(skip + take).ToListAsync(cancellationToken));
        }

        return new TransactionPage(candidates.Order(Newest).Skip(skip).Take(take).ToList(), total);
    }

    /// <summary>Every matching row, newest first, read as it is written out (the CSV export): memory stays flat.</summary>
    public async IAsyncEnumerable<TransactionRow> StreamAsync(TransactionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TransactionQuery query;
        await using (var first = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            query = await QueryAsync(first, filter, cancellationToken);
        }

        // One context (connection) per source, each read in order, merged as they are written out.
        var contexts = new List<AppDbContext>();
        var readers = new List<IAsyncEnumerator<TransactionRow>>();
        try
        {
            foreach (var source in Matching(filter))
            {
                var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                contexts.Add(db);
                var reader = source.Query(db, query).AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
                readers.Add(reader);
            }

            var heads = new List<IAsyncEnumerator<TransactionRow>>();
            foreach (var reader in readers)
            {
                if (await reader.MoveNextAsync())
                {
                    heads.Add(reader);
                }
            }

            while (heads.Count > 0)
            {
                var next = heads.Aggregate((a, b) => Newest.Compare(a.Current, b.Current) <= 0 ? a : b);
                yield return next.Current;
                if (!await next.MoveNextAsync())
                {
                    heads.Remove(next);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }

            foreach (var db in contexts)
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>The tenant's time zone, in which the list shows dates and the filter reads days.</summary>
    public async Task<string> TimeZoneAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Newest first, then the source row's id, then the type (rows of different sources at the same instant).
    /// Each source is sorted in the database and the sources are merged here: on SQLite the sources'
    /// date columns do not share one storage type (DateTimeOffset as binary integers, DateTime as
    /// text), so a single UNION ALL sorted in the database would mix them.
    /// </summary>
    private static readonly Comparer<TransactionRow> Newest = Comparer<TransactionRow>.Create((a, b) =>
    {
        var byWhen = b.When.UtcTicks.CompareTo(a.When.UtcTicks);
        if (byWhen != 0)
        {
            return byWhen;
        }

        var byId = b.SourceId.CompareTo(a.SourceId);
        return byId != 0 ? byId : a.Type.CompareTo(b.Type);
    });

    private IEnumerable<ITransactionSource> Matching(TransactionFilter filter) =>
        sources.Where(s => filter.Type is null || s.Types.Contains(filter.Type.Value));

    private static async Task<TransactionQuery> QueryAsync(AppDbContext db, TransactionFilter filter, CancellationToken cancellationToken)
    {
        var zoneId = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        return new TransactionQuery(filter,
            filter.From is { } from ? TimeZones.StartOfDay(from, zone) : null,
            filter.To is { } to ? TimeZones.StartOfDay(to.AddDays(1), zone) : null);
    }
}

using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>
/// A table that contributes rows to Transactions. Each feature that owns a ledger registers one
/// (gift cards, purchases, points). A source returns an untranslated query, already filtered,
/// sorted newest first (its date column, then <see cref="TransactionRow.SourceId"/>, both
/// descending, ordered on the entity before projecting) and projected with member initialisation
/// onto <see cref="TransactionRow"/>. The service merges the sources in memory: on SQLite their
/// date columns do not share one storage type, so one UNION ALL could not be sorted in the database.
/// </summary>
public interface ITransactionSource
{
    /// <summary>The types this source can produce: a filter on another type skips it.</summary>
    IReadOnlyCollection<TransactionType> Types { get; }

    IQueryable<TransactionRow> Query(AppDbContext db, TransactionQuery query);
}

using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>
/// A table that contributes rows to Transactions. Each feature that owns a ledger registers one
/// (gift cards now; purchases, points adjustments and expiries later). A source returns an
/// untranslated query, already filtered, projected with member initialisation onto
/// <see cref="TransactionRow"/>, and never sorted: the service concatenates the sources and sorts
/// and pages once in the database. On SQLite the <c>When</c> column must be stored as the same
/// sortable integer in every source (DateTimeOffsetToBinaryConverter).
/// </summary>
public interface ITransactionSource
{
    /// <summary>The types this source can produce: a filter on another type skips it.</summary>
    IReadOnlyCollection<TransactionType> Types { get; }

    IQueryable<TransactionRow> Query(AppDbContext db, TransactionQuery query);
}

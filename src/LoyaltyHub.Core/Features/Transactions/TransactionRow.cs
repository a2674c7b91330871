namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>What happened; sources added later (purchases, points) add their own values.</summary>
public enum TransactionType
{
    GiftCardSale = 10,
    GiftCardUse = 11,
    GiftCardReversal = 12,
    Purchase = 20,
    PointsRedeem = 30,
    PointsAdjust = 31,
    PointsExpire = 32,
    PointsReversal = 33,
}

/// <summary>
/// One line of the Transactions list and export, whatever table it comes from. A class with init
/// properties (not a positional record) so that EF can translate the sources' projections and
/// combine them with Concat (UNION ALL) into one sorted, paged query.
/// </summary>
public sealed record TransactionRow
{
    /// <summary>UTC; shown in the tenant's time zone.</summary>
    public DateTimeOffset When { get; init; }

    /// <summary>Tie-breaker for rows of the same instant: the source row's id.</summary>
    public long SourceId { get; init; }

    public int? ShopId { get; init; }

    public string? ShopName { get; init; }

    public int? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public TransactionType Type { get; init; }

    /// <summary>Signed minor units; null for rows that only move points.</summary>
    public long? AmountMinor { get; init; }

    public string? Currency { get; init; }

    /// <summary>Signed points; null for rows that only move money.</summary>
    public long? Points { get; init; }

    /// <summary>What the row is about: a gift card number, a receipt number…</summary>
    public string Reference { get; init; } = "";

    /// <summary>A voided purchase: still listed, marked as voided.</summary>
    public bool Voided { get; init; }
}

/// <summary>The manager's filters; every one is optional. Dates are days in the tenant's time zone, both included.</summary>
public sealed record TransactionFilter(
    int? ShopId = null, DateOnly? From = null, DateOnly? To = null, int? CustomerId = null, TransactionType? Type = null);

/// <summary>The same filter with the days turned into UTC instants [FromUtc, ToUtc).</summary>
public sealed record TransactionQuery(TransactionFilter Filter, DateTimeOffset? FromUtc, DateTimeOffset? ToUtc);

public sealed record TransactionPage(IReadOnlyList<TransactionRow> Rows, int Total);

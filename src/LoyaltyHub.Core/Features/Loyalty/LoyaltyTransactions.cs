using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Transactions;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>Purchases (voided ones included, marked) as Transactions rows: amount and points earned.</summary>
internal sealed class PurchaseTransactions : ITransactionSource
{
    public IReadOnlyCollection<TransactionType> Types { get; } = [TransactionType.Purchase];

    public IQueryable<TransactionRow> Query(AppDbContext db, TransactionQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter;
        var purchases = db.Set<Purchase>().AsQueryable();
        if (filter.ShopId is { } shopId)
        {
            purchases = purchases.Where(p => p.ShopId == shopId);
        }

        purchases = purchases.ForCustomerAndPeriod(query);

        return purchases.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(p => new TransactionRow
        {
            When = p.CreatedAt,
            SourceId = p.Id,
            ShopId = p.ShopId,
            ShopName = db.Shops.Where(s => s.Id == p.ShopId).Select(s => s.Name).FirstOrDefault(),
            CustomerId = p.CustomerId,
            CustomerName = db.Set<Customer>().Where(c => c.Id == p.CustomerId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault(),
            Type = TransactionType.Purchase,
            AmountMinor = p.AmountMinor,
            Currency = p.Currency,
            Points = p.PointsEarned,
            Reference = "#" + p.Id,
            Voided = p.VoidedAt != null,
        });
    }
}

/// <summary>Points ledger rows other than earnings (those are the purchases): redemptions, adjustments, expiries, reversals.</summary>
internal sealed class PointTransactions : ITransactionSource
{
    public IReadOnlyCollection<TransactionType> Types { get; } =
        [TransactionType.PointsRedeem, TransactionType.PointsAdjust, TransactionType.PointsExpire, TransactionType.PointsReversal];

    public IQueryable<TransactionRow> Query(AppDbContext db, TransactionQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter;
        var entries = db.Set<PointEntry>().Where(e => e.Kind != PointKind.Earn);
        if (filter.Type is { } type)
        {
            var kind = type switch
            {
                TransactionType.PointsRedeem => PointKind.Redeem,
                TransactionType.PointsAdjust => PointKind.Adjust,
                TransactionType.PointsExpire => PointKind.Expire,
                _ => PointKind.Reversal,
            };
            entries = entries.Where(e => e.Kind == kind);
        }

        if (filter.ShopId is { } shopId)
        {
            // Only rows tied to a purchase have a shop; adjustments and expiries belong to none.
            entries = entries.Where(e => db.Set<Purchase>().Any(p => p.Id == e.PurchaseId && p.ShopId == shopId));
        }

        entries = entries.ForCustomerAndPeriod(query);

        return entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => new TransactionRow
        {
            When = e.CreatedAt,
            SourceId = e.Id,
            ShopId = db.Set<Purchase>().Where(p => p.Id == e.PurchaseId).Select(p => (int?)p.ShopId).FirstOrDefault(),
            ShopName = db.Shops.Where(s => db.Set<Purchase>().Any(p => p.Id == e.PurchaseId && p.ShopId == s.Id)).Select(s => s.Name).FirstOrDefault(),
            CustomerId = e.CustomerId,
            CustomerName = db.Set<Customer>().Where(c => c.Id == e.CustomerId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault(),
            Type = e.Kind == PointKind.Redeem ? TransactionType.PointsRedeem
                : e.Kind == PointKind.Adjust ? TransactionType.PointsAdjust
                : e.Kind == PointKind.Expire ? TransactionType.PointsExpire
                : TransactionType.PointsReversal,
            AmountMinor = null,
            Currency = null,
            Points = e.Delta,
            Reference = e.PurchaseId != null ? "#" + e.PurchaseId : e.Reason ?? "",
            Voided = false,
        });
    }
}

/// <summary>A loyalty row that belongs to one customer and happened at one moment (UTC).</summary>
internal interface ICustomerEvent
{
    int CustomerId { get; }

    DateTime CreatedAt { get; }
}

internal static class CustomerEventFilters
{
    /// <summary>The customer and date-range filters every loyalty transaction source applies.</summary>
    public static IQueryable<T> ForCustomerAndPeriod<T>(this IQueryable<T> rows, TransactionQuery query)
        where T : class, ICustomerEvent
    {
        if (query.Filter.CustomerId is { } customerId)
        {
            rows = rows.Where(r => r.CustomerId == customerId);
        }

        if (query.FromUtc is { } from)
        {
            var fromUtc = from.UtcDateTime;
            rows = rows.Where(r => r.CreatedAt >= fromUtc);
        }

        if (query.ToUtc is { } to)
        {
            var toUtc = to.UtcDateTime;
            rows = rows.Where(r => r.CreatedAt < toUtc);
        }

        return rows;
    }
}

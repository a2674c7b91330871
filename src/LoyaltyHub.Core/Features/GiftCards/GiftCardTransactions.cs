using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Transactions;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>Gift-card sales, uses and reversals as Transactions rows, straight from the ledger.</summary>
internal sealed class GiftCardTransactions : ITransactionSource
{
    public IReadOnlyCollection<TransactionType> Types { get; } =
        [TransactionType.GiftCardSale, TransactionType.GiftCardUse, TransactionType.GiftCardReversal];

    public IQueryable<TransactionRow> Query(AppDbContext db, TransactionQuery query)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter;
        var entries = db.Set<GiftCardEntry>().AsQueryable();
        if (filter.Type is { } type)
        {
            var kind = type switch
            {
                TransactionType.GiftCardSale => GiftCardEntryKind.Issue,
                TransactionType.GiftCardUse => GiftCardEntryKind.Redeem,
                _ => GiftCardEntryKind.Reversal,
            };
            entries = entries.Where(e => e.Kind == kind);
        }

        if (filter.ShopId is { } shopId)
        {
            entries = entries.Where(e => e.ShopId == shopId);
        }

        if (filter.CustomerId is { } customerId)
        {
            entries = entries.Where(e => e.GiftCard!.BuyerCustomerId == customerId);
        }

        if (query.FromUtc is { } from)
        {
            entries = entries.Where(e => e.CreatedAt >= from);
        }

        if (query.ToUtc is { } to)
        {
            entries = entries.Where(e => e.CreatedAt < to);
        }

        return entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Select(e => new TransactionRow
        {
            When = e.CreatedAt,
            SourceId = e.Id,
            ShopId = e.ShopId,
            ShopName = db.Shops.Where(s => s.Id == e.ShopId).Select(s => s.Name).FirstOrDefault(),
            CustomerId = e.GiftCard!.BuyerCustomerId,
            CustomerName = db.Set<Customer>().Where(c => c.Id == e.GiftCard.BuyerCustomerId).Select(c => c.FirstName + " " + c.LastName).FirstOrDefault(),
            Type = e.Kind == GiftCardEntryKind.Issue ? TransactionType.GiftCardSale
                : e.Kind == GiftCardEntryKind.Redeem ? TransactionType.GiftCardUse
                : TransactionType.GiftCardReversal,
            AmountMinor = e.AmountMinor,
            Currency = e.GiftCard.Currency,
            Points = null,
            Reference = e.GiftCard.Number,
            Voided = false,
        });
    }
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// Gift-card payment of a purchase, implemented by the gift card feature. Both calls run inside
/// the purchase's transaction on <paramref name="db"/>, so a failed debit rolls the purchase back.
/// </summary>
public interface IGiftCardPayments
{
    Task<Result> DebitAsync(AppDbContext db, string cardNumber, long amountMinor, Guid purchaseKey, CancellationToken cancellationToken);

    Task ReverseAsync(AppDbContext db, Guid purchaseKey, CancellationToken cancellationToken);
}

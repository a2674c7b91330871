using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>Gift-card payment inside the caller's purchase transaction.</summary>
public interface IGiftCardPayments
{
    Task<Result> DebitAsync(AppDbContext db, string cardNumber, long amountMinor, Guid purchaseKey, CancellationToken cancellationToken);

    Task ReverseAsync(AppDbContext db, Guid purchaseKey, CancellationToken cancellationToken);
}

using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>
/// Tells the recipient of a virtual gift card (the "gift card received" message of SPEC §8).
/// Called inside the transaction of the sale, with <paramref name="db"/> holding it.
/// </summary>
public interface IGiftCardEvents
{
    /// <returns>True when the card's email was queued; false leaves it to the platform's plain email.</returns>
    Task<bool> VirtualCardSoldAsync(AppDbContext db, GiftCard card, CancellationToken cancellationToken);
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// The "order ready for pickup" message a shop's staff send from an order (SPEC §2, §8): only for an
/// order whose status is Ready, only by a manager or by staff allowed to (their own shop's orders,
/// or any shop's when the merchant allows it). The message is queued in the outbox; pressing the
/// button again does not send it twice.
/// </summary>
public interface IOrderReadyNotices
{
    /// <param name="actor">Who presses the button; <see cref="CustomerActor.ShopId"/> is the staff member's shop.</param>
    /// <param name="actsAsManager">True for the merchant's managers, who may notify for any shop.</param>
    Task<Result<OrderReadyNotice>> SendAsync(int orderId, CustomerActor actor, bool actsAsManager, CancellationToken cancellationToken = default);
}

/// <summary>What the button did: when the notice was first queued and on which channels.</summary>
/// <param name="AlreadySent">True when an earlier press had already queued it (nothing new was queued).</param>
public sealed record OrderReadyNotice(DateTimeOffset QueuedAt, IReadOnlyList<MessageChannel> Channels, bool AlreadySent);

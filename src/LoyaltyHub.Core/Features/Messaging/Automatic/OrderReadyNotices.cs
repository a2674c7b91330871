using System.Globalization;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Automatic;

/// <summary>
/// The staff button "order ready for pickup" (SPEC §2, §8). Checks, in order: the order is the
/// tenant's, the person may press it (a manager always; staff when the merchant allows order-ready
/// notices, for their own shop's orders or, when also allowed, any shop's), the order is Ready.
/// A notice already queued for the order is reported, not queued again; two presses at the same
/// moment meet at the outbox's idempotency key.
/// </summary>
internal sealed class OrderReadyNotices(IDbContextFactory<AppDbContext> dbFactory, AutomaticMessages messages, TimeProvider clock)
    : IOrderReadyNotices
{
    public const string NotAllowed = "Your manager has not allowed staff to send order-ready messages.";
    public const string OtherShop = "This order is collected in another shop: its staff or a manager can send the message.";

    public static string NotReady(OrderStatus status) =>
        $"The order is not ready for pickup (its status is {WebShopMessages.StatusName(status, MessageLanguages.Default)}). The message can be sent once the web shop marks it Ready.";

    public async Task<Result<OrderReadyNotice>> SendAsync(int orderId, CustomerActor actor, bool actsAsManager, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return Result<OrderReadyNotice>.From(Result.NotFound("The order"));
        }

        if (!actsAsManager)
        {
            var permissions = await db.Set<StaffPermissions>().AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new StaffPermissions();
            if (!permissions.SendOrderReadyNotices)
            {
                return Result<OrderReadyNotice>.Fail("", NotAllowed);
            }

            if ((actor.ShopId is null || order.PickupShopId != actor.ShopId) && !permissions.NotifyOtherShopsOrders)
            {
                return Result<OrderReadyNotice>.Fail("", OtherShop);
            }
        }

        if (order.Status != OrderStatus.Ready)
        {
            return Result<OrderReadyNotice>.Fail("", NotReady(order.Status));
        }

        var subject = order.Id.ToString(CultureInfo.InvariantCulture);
        if (await EarlierAsync(db, subject, cancellationToken) is { } earlier)
        {
            return Result<OrderReadyNotice>.Ok(earlier);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await messages.QueueAsync(db, MessageEvent.OrderReady, subject, WebShopMessages.Customer(order), WebShopMessages.Data(order), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (outcome.Queued.Count > 0)
        {
            return Result<OrderReadyNotice>.Ok(new OrderReadyNotice(clock.GetUtcNow(), outcome.Queued, false));
        }

        // A press at the same moment queued it first.
        return outcome.AlreadyQueued.Count > 0 && await EarlierAsync(db, subject, cancellationToken) is { } first
            ? Result<OrderReadyNotice>.Ok(first)
            : Result<OrderReadyNotice>.Fail("", outcome.Problem ?? "The message could not be queued.");
    }

    /// <summary>The notice an earlier press queued, if any: when, and on which channels.</summary>
    private static async Task<OrderReadyNotice?> EarlierAsync(AppDbContext db, string subject, CancellationToken cancellationToken)
    {
        var info = MessageEvents.Get(MessageEvent.OrderReady);
        var source = info.Key;
        var prefix = AutomaticMessages.KeyPrefix(info, subject);
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Source == source && m.IdempotencyKey.StartsWith(prefix))
            .Select(m => new { m.Channel, m.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? null
            : new OrderReadyNotice(rows.Min(r => r.CreatedAt), [.. rows.Select(r => r.Channel).Distinct().Order()], true);
    }
}

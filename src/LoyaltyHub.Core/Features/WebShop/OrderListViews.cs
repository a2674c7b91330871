using System.Globalization;
using LoyaltyHub.Core.Features.Messaging;

namespace LoyaltyHub.Core.Features.WebShop;

// What the order screens show (OrderQueries); the API's own views are in WebShopViews.

/// <summary>An order in a list: the manager's grid and the counter's orders to collect.</summary>
public sealed record OrderRow(
    int Id, string Number, string? FirstName, string? LastName, string? Email, long AmountMinor, string Currency,
    OrderStatus Status, PaymentState PaymentState, int? PickupShopId, string? PickupShopName, DateTimeOffset PlacedAt)
{
    /// <summary>The customer's name, else their email, else nothing.</summary>
    public string Customer => OrderTexts.Customer(FirstName, LastName, Email);
}

/// <summary>One order with its lines (in <see cref="Order.Lines"/>), its pickup shop's name and its return requests, newest first.</summary>
public sealed record OrderDetails(Order Order, string? PickupShopName, IReadOnlyList<ReturnRequest> Returns);

/// <summary>The manager's filters; every one is optional.</summary>
public sealed class OrderSearch
{
    /// <summary>The start of an order number, an email or a customer's name.</summary>
    public string? Text { get; set; }

    public OrderStatus? Status { get; set; }

    public PaymentState? PaymentState { get; set; }

    public int? PickupShopId { get; set; }

    /// <summary>First day included, in the merchant's time zone.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last day included, in the merchant's time zone.</summary>
    public DateOnly? To { get; set; }
}

/// <summary>One page of orders and how many match in all.</summary>
public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total);

/// <summary>How the screens word an order's fields.</summary>
public static class OrderTexts
{
    public static string Customer(string? firstName, string? lastName, string? email) =>
        $"{firstName} {lastName}".Trim() is { Length: > 0 } name ? name : email ?? "";

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Processing => "processing",
        OrderStatus.Ready => "ready for pickup",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Completed => "completed",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Refunded => "refunded",
        _ => status.ToString(),
    };

    public static string Payment(PaymentState state) => state switch
    {
        PaymentState.AwaitingPayment => "awaiting payment",
        PaymentState.Processing => "payment processing",
        PaymentState.Confirmed => "paid",
        PaymentState.Refused => "payment refused",
        PaymentState.Cancelled => "payment cancelled",
        PaymentState.TechnicalError => "payment error",
        PaymentState.Refunded => "refunded",
        _ => state.ToString(),
    };

    /// <summary>
    /// What the "order ready" button says after a press: "Sent by SMS and email at 14:02", or
    /// "Already sent at …" when an earlier press had queued it. The time is the merchant's, with the
    /// day when it is not <paramref name="now"/>'s.
    /// </summary>
    public static string Notice(OrderReadyNotice notice, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var at = TimeZoneInfo.ConvertTime(notice.QueuedAt, zone);
        var sameDay = at.Date == TimeZoneInfo.ConvertTime(now, zone).Date;
        var when = at.ToString(sameDay ? "HH:mm" : "d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        var channels = string.Join(" and ", notice.Channels.Distinct().Order().Select(c => c == MessageChannel.Sms ? "SMS" : "email"));
        var how = channels.Length == 0 ? "" : $" by {channels}";
        return notice.AlreadySent ? $"Already sent{how} at {when}." : $"Sent{how} at {when}.";
    }
}

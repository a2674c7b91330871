using System.Collections.Frozen;
using static LoyaltyHub.Core.Features.Messaging.Content.TemplateVariables;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>The automatic messages of SPEC §8. Stored by name, so the numbers may change.</summary>
public enum MessageEvent
{
    NewAccountAlert = 1,
    NewOrderAlert,
    ReturnRequestAlert,
    NewOrder,
    OrderStatusChanged,
    OrderReady,
    PointsCredited,
    PointsExpiring,
    AbandonedCart1,
    AbandonedCart2,
    Birthday,
    GiftCardReceived,
    AccountActivation,
}

/// <summary>
/// What an event is: its stable key (file names of the default templates, the outbox's source),
/// who receives it, whether it needs marketing consent, the variables its templates may use and
/// the channels it starts with.
/// </summary>
public sealed record MessageEventInfo(
    MessageEvent Event, string Key, string Title, MessageKind Kind, IReadOnlyList<string> Variables,
    bool EnabledByDefault, bool SmsByDefault, bool EmailByDefault)
{
    private static readonly MessageChannel[] AlertChannels = [MessageChannel.Sms];
    private static readonly MessageChannel[] CustomerChannels = [MessageChannel.Sms, MessageChannel.Email];

    public bool ToMerchant => Kind == MessageKind.MerchantAlert;

    /// <summary>Alerts go to the merchant's mobile (seed 000's "SMS to the administrator"); customers get either.</summary>
    public IReadOnlyList<MessageChannel> Channels => ToMerchant ? AlertChannels : CustomerChannels;

    public bool Allows(string variable) => Variables.Contains(variable, StringComparer.Ordinal);
}

public static class MessageEvents
{
    /// <summary>What every message to a customer may say about them and the shop.</summary>
    private static readonly string[] Customer =
        [Salutation, FirstName, LastName, MiddleName, Email, CardNumber, PointsBalance, ShopUrl, ShopPhone, UnsubscribeUrl];

    private static readonly string[] Order = [.. Customer, OrderNumber, OrderAmount, OrderStatus];

    public static IReadOnlyList<MessageEventInfo> All { get; } =
    [
        new(MessageEvent.NewAccountAlert, "new_account_alert", "New customer account (alert to you)", MessageKind.MerchantAlert,
            [Email, FirstName, LastName, ShopUrl], true, true, false),
        new(MessageEvent.NewOrderAlert, "new_order_alert", "New order (alert to you)", MessageKind.MerchantAlert,
            [Email, FirstName, LastName, OrderNumber, OrderAmount, ShopUrl], true, true, false),
        new(MessageEvent.ReturnRequestAlert, "return_request_alert", "Product return request (alert to you)", MessageKind.MerchantAlert,
            [Email, FirstName, LastName, OrderNumber, ProductCode, ReturnProducts, ShopUrl], true, true, false),
        new(MessageEvent.NewOrder, "new_order", "New order", MessageKind.Service, Order, true, true, true),
        new(MessageEvent.OrderStatusChanged, "order_status_changed", "Order status changed", MessageKind.Service, Order, true, true, true),
        new(MessageEvent.OrderReady, "order_ready", "Order ready for pickup", MessageKind.Service, Order, true, true, false),
        new(MessageEvent.PointsCredited, "points_credited", "Points credited", MessageKind.Service,
            [.. Customer, PointsEarned, PointsExpiryDate], true, true, false),
        new(MessageEvent.PointsExpiring, "points_expiring", "Points about to expire", MessageKind.Service,
            [.. Customer, PointsExpiring, PointsExpiryDate], true, true, true),
        new(MessageEvent.AbandonedCart1, "abandoned_cart_1", "Abandoned cart, 1st reminder", MessageKind.Promotional,
            [.. Customer, CartUrl], false, false, true),
        new(MessageEvent.AbandonedCart2, "abandoned_cart_2", "Abandoned cart, 2nd reminder", MessageKind.Promotional,
            [.. Customer, CartUrl], false, false, true),
        new(MessageEvent.Birthday, "birthday", "Birthday", MessageKind.Promotional, Customer, false, true, false),
        new(MessageEvent.GiftCardReceived, "gift_card_received", "Gift card received", MessageKind.Service,
            [.. Customer, GiftCardAmount, GiftCardNumber, GiftCardMessage], true, false, true),
        new(MessageEvent.AccountActivation, "account_activation", "Customer account activation", MessageKind.Service,
            [.. Customer, ActivationUrl], true, false, true),
    ];

    private static readonly FrozenDictionary<MessageEvent, MessageEventInfo> ByEvent = All.ToFrozenDictionary(e => e.Event);

    private static readonly FrozenDictionary<string, MessageEventInfo> ByKey = All.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);

    public static MessageEventInfo Get(MessageEvent messageEvent) => ByEvent[messageEvent];

    public static MessageEventInfo? Find(string? key) => key is null ? null : ByKey.GetValueOrDefault(key);
}

using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.WebShop;

namespace LoyaltyHub.Core.Features.Messaging.Automatic;

/// <summary>
/// The web shop's automatic messages: a new order alerts the merchant and thanks the customer, a
/// status change tells the customer the new status in their language, a return request alerts
/// the merchant. Each is keyed by the order (and the status it moved to, or the return), so the
/// same report arriving twice queues nothing new.
/// </summary>
internal sealed class WebShopMessages(AutomaticMessages messages) : IWebShopEvents
{
    public Task OrderPlacedAsync(AppDbContext db, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var subject = Id(order.Id);
        var data = Data(order);
        // Together: one credit reservation per channel for the alert and the customer's messages (the order path's hot spot).
        return messages.QueueTogetherAsync(db, [new(MessageEvent.NewOrderAlert, subject, null, data), new(MessageEvent.NewOrder, subject, Customer(order), data)],
            cancellationToken);
    }

    public Task OrderChangedAsync(AppDbContext db, Order order, OrderStatus previousStatus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        // Keyed by the status reached: a repeated "shipped" is one message, a later "delivered" another.
        return messages.QueueAsync(db, MessageEvent.OrderStatusChanged, $"{Id(order.Id)}:{order.Status}", Customer(order),
            Data(order), cancellationToken);
    }

    public Task ReturnRequestedAsync(AppDbContext db, Order order, ReturnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(request);
        var data = Data(order) with { ProductCode = ProductCodes(request.Items), ReturnProducts = ReturnLines(request.Items) };
        return messages.QueueAsync(db, MessageEvent.ReturnRequestAlert, Id(request.Id), null, data, cancellationToken);
    }

    /// <summary>The order's contact: the customer's language is the order's.</summary>
    public static MessageRecipient Customer(Order order) => new(order.CustomerId, order.Phone, order.Email, order.Language);

    public static TemplateData Data(Order order) => new()
    {
        FirstName = order.FirstName,
        LastName = order.LastName,
        Email = order.Email,
        Currency = order.Currency,
        OrderNumber = order.Number,
        OrderAmountMinor = order.AmountMinor,
        OrderStatus = StatusName(order.Status, order.Language),
    };

    /// <summary>The status as the customer reads it.</summary>
    public static string StatusName(OrderStatus status, string? language) => (MessageLanguages.Normalize(language), status) switch
    {
        ("fr", OrderStatus.Pending) => "en attente",
        ("fr", OrderStatus.Processing) => "en préparation",
        ("fr", OrderStatus.Ready) => "prête",
        ("fr", OrderStatus.Shipped) => "expédiée",
        ("fr", OrderStatus.Delivered) => "livrée",
        ("fr", OrderStatus.Completed) => "terminée",
        ("fr", OrderStatus.Cancelled) => "annulée",
        ("fr", OrderStatus.Refunded) => "remboursée",
        ("it", OrderStatus.Pending) => "in attesa",
        ("it", OrderStatus.Processing) => "in preparazione",
        ("it", OrderStatus.Ready) => "pronto",
        ("it", OrderStatus.Shipped) => "spedito",
        ("it", OrderStatus.Delivered) => "consegnato",
        ("it", OrderStatus.Completed) => "completato",
        ("it", OrderStatus.Cancelled) => "annullato",
        ("it", OrderStatus.Refunded) => "rimborsato",
        ("ru", OrderStatus.Pending) => "ожидает обработки",
        ("ru", OrderStatus.Processing) => "собирается",
        ("ru", OrderStatus.Ready) => "готов",
        ("ru", OrderStatus.Shipped) => "отправлен",
        ("ru", OrderStatus.Delivered) => "доставлен",
        ("ru", OrderStatus.Completed) => "выполнен",
        ("ru", OrderStatus.Cancelled) => "отменён",
        ("ru", OrderStatus.Refunded) => "возвращены деньги",
        (_, OrderStatus.Pending) => "pending",
        (_, OrderStatus.Processing) => "being prepared",
        (_, OrderStatus.Ready) => "ready",
        (_, OrderStatus.Shipped) => "shipped",
        (_, OrderStatus.Delivered) => "delivered",
        (_, OrderStatus.Completed) => "completed",
        (_, OrderStatus.Cancelled) => "cancelled",
        (_, OrderStatus.Refunded) => "refunded",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The codes of the returned lines ("code name × qty", one per line, as the return stores them).</summary>
    private static string ProductCodes(string items) =>
        string.Join(", ", Lines(items).Select(l => l.Split(' ', 2)[0]).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// The returned lines whole, on one line, "2 x SKU-1 Coffee beans; 1 x SKU-2 Mug": an ASCII "x"
    /// because the stored "×" is not GSM-7 and would make the alert a costlier UCS-2 SMS, and "; "
    /// between lines because a name may hold a comma.
    /// </summary>
    private static string ReturnLines(string items) => string.Join("; ", Lines(items).Select(line =>
        line.LastIndexOf(" × ", StringComparison.Ordinal) is var at and > 0 ? $"{line[(at + 3)..]} x {line[..at]}" : line));

    private static string[] Lines(string items) => items.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

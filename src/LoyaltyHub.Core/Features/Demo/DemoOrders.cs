using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.WebShop;

namespace LoyaltyHub.Core.Features.Demo;

/// <summary>
/// A few web-shop orders, as the integration API would have stored them, so the order screens have
/// something to show: some ready for pickup at each shop, some still in the works or delivered, and
/// one with a return request.
/// </summary>
internal static class DemoOrders
{
    public static IReadOnlyList<Order> Make(IReadOnlyList<Customer> named, IReadOnlyList<Shop> shops, string currency, DateTimeOffset now)
    {
        var (alice, bob) = (Buyer.Of(named[0]), Buyer.Of(named[1]));
        var (downtown, harbour) = (shops[0], shops[1]);
        return
        [
            Order("WEB-1001", alice, OrderStatus.Ready, PaymentState.Confirmed, downtown, now.AddHours(-3), currency, ("BEAN-ETH", "Ethiopia Yirgacheffe 250 g", 2, 1_290)),
            Order("WEB-1002", bob, OrderStatus.Ready, PaymentState.Confirmed, harbour, now.AddHours(-5), currency, ("MUG-01", "Stoneware mug", 1, 1_800), ("BEAN-COL", "Colombia Huila 1 kg", 1, 3_990)),
            Order("WEB-1003", Guest("Camille", "Roux", "camille.roux@example.com"), OrderStatus.Ready, PaymentState.AwaitingPayment, downtown, now.AddDays(-1), currency, ("KIT-V60", "Pour-over kit", 1, 4_500)),
            Order("WEB-1004", alice, OrderStatus.Processing, PaymentState.Confirmed, downtown, now.AddMinutes(-40), currency, ("BEAN-BRA", "Brazil Cerrado 500 g", 1, 1_690)),
            Order("WEB-1005", Guest("Hugo", "Lambert", "hugo.lambert@example.com"), OrderStatus.Pending, PaymentState.Processing, harbour, now.AddMinutes(-15), currency, ("FILTER-100", "Paper filters ×100", 3, 450)),
            Order("WEB-1006", bob, OrderStatus.Delivered, PaymentState.Confirmed, null, now.AddDays(-6), currency, ("GRINDER", "Hand grinder", 1, 6_900)),
            Order("WEB-1007", alice, OrderStatus.Completed, PaymentState.Confirmed, harbour, now.AddDays(-12), currency, ("BEAN-ETH", "Ethiopia Yirgacheffe 250 g", 4, 1_290)),
            Order("WEB-1008", Guest("Inès", "Moreau", "ines.moreau@example.com"), OrderStatus.Cancelled, PaymentState.Refused, null, now.AddDays(-2), currency, ("MUG-01", "Stoneware mug", 2, 1_800)),
        ];
    }

    /// <summary>A return of one mug from the delivered order (call once the orders have their ids).</summary>
    public static ReturnRequest Return(IReadOnlyList<Order> orders, DateTimeOffset now) => new()
    {
        ExternalId = "RET-501",
        OrderId = orders.Single(o => o.Number == "WEB-1006").Id,
        Reason = "The grinder's handle came loose.",
        Items = "GRINDER Hand grinder × 1",
        RequestedAt = now.AddDays(-1),
    };

    /// <summary>Someone who ordered without a loyalty card.</summary>
    private static Buyer Guest(string first, string last, string email) => new(null, first, last, email, null, "fr");

    private static Order Order(string number, Buyer customer, OrderStatus status, PaymentState payment, Shop? pickup, DateTimeOffset placedAt,
        string currency, params (string Code, string Name, int Quantity, long UnitPrice)[] lines) => new()
    {
        Number = number,
        CustomerId = customer.Id,
        Email = customer.Email,
        Phone = customer.Phone,
        FirstName = customer.FirstName,
        LastName = customer.LastName,
        Language = customer.Language,
        AmountMinor = lines.Sum(l => l.Quantity * l.UnitPrice),
        Currency = currency,
        Status = status,
        PaymentState = payment,
        PickupShopId = pickup?.Id,
        PlacedAt = placedAt,
        UpdatedAt = placedAt,
        Lines = [.. lines.Select(l => new OrderLine { ProductCode = l.Code, Name = l.Name, Quantity = l.Quantity, UnitPriceMinor = l.UnitPrice })],
    };

    /// <summary>Who placed an order: a demo customer (linked by id) or a guest.</summary>
    private sealed record Buyer(int? Id, string FirstName, string LastName, string? Email, string? Phone, string Language)
    {
        public static Buyer Of(Customer c) => new(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.Language);
    }
}

namespace LoyaltyHub.Core.Features.WebShop;

// What the API answers. Enums are their API words (WebShopCodes), amounts minor units.

public sealed record LineView(string ProductCode, string Name, int Quantity, long UnitPrice);

public sealed record OrderView(
    string Number, string Status, string PaymentState, long Amount, string Currency, int? CustomerId, string? Email,
    string Language, string? CartId, int? PickupShopId, IReadOnlyList<LineView> Lines, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt)
{
    internal static OrderView Of(Order o) => new(
        o.Number, WebShopCodes.Of(o.Status), WebShopCodes.Of(o.PaymentState), o.AmountMinor, o.Currency, o.CustomerId, o.Email,
        o.Language, o.CartId, o.PickupShopId, [.. o.Lines.Select(l => new LineView(l.ProductCode, l.Name, l.Quantity, l.UnitPriceMinor))],
        o.PlacedAt, o.UpdatedAt);
}

public sealed record CartView(
    string Id, long AmountExclVat, string Currency, int? CustomerId, string Language, string? RecoveryUrl,
    IReadOnlyList<LineView> Lines, DateTimeOffset UpdatedAt)
{
    internal static CartView Of(Cart c) => new(
        c.ExternalId, c.AmountExclVatMinor, c.Currency, c.CustomerId, c.Language, c.RecoveryUrl,
        [.. c.Lines.Select(l => new LineView(l.ProductCode, l.Name, l.Quantity, l.UnitPriceMinor))], c.UpdatedAt);
}

public sealed record ReturnView(string Id, string OrderNumber, string? Reason, string Items, DateTimeOffset RequestedAt);

public sealed record ShopCustomerView(
    int Id, string CardNumber, string FirstName, string LastName, string? Email, string? Phone, string Language,
    bool SmsConsent, bool EmailConsent, IReadOnlyList<string> Groups, bool Created);

using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Features.WebShop;

// What a web shop sends through the integration API (SPEC §14). Amounts are integers in minor units
// (cents) of the currency; enums travel as snake_case words and are parsed by WebShopCodes, so a
// wrong word gets a message naming the accepted ones instead of a serializer error.

/// <summary>Who an order or cart belongs to, as the shop knows them.</summary>
public sealed class ContactInput
{
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "The email is at most 254 characters.")]
    public string? Email { get; set; }

    [StringLength(32, ErrorMessage = "The phone number is at most 32 characters.")]
    public string? Phone { get; set; }

    [StringLength(100, ErrorMessage = "The first name is at most 100 characters.")]
    public string? FirstName { get; set; }

    [StringLength(100, ErrorMessage = "The last name is at most 100 characters.")]
    public string? LastName { get; set; }

    /// <summary>en, fr, it or ru; the merchant's language when absent.</summary>
    [AllowedValues(null, "en", "fr", "it", "ru", ErrorMessage = "The language is one of en, fr, it, ru.")]
    public string? Language { get; set; }
}

public sealed class LineInput
{
    [Required(ErrorMessage = "Give the product code.")]
    [StringLength(WebShopLimits.ProductCode, ErrorMessage = "The product code is at most 64 characters.")]
    public string ProductCode { get; set; } = "";

    [Required(ErrorMessage = "Give the product name.")]
    [StringLength(WebShopLimits.LineName, ErrorMessage = "The product name is at most 200 characters.")]
    public string Name { get; set; } = "";

    [Range(1, 100_000, ErrorMessage = "The quantity is between 1 and 100000.")]
    public int Quantity { get; set; }

    /// <summary>Minor units.</summary>
    [Range(0, 100_000_000_000, ErrorMessage = "The unit price is a whole number of cents, 0 or more.")]
    public long UnitPrice { get; set; }
}

public sealed class OrderInput
{
    [Required(ErrorMessage = "Give the order number.")]
    [StringLength(WebShopLimits.ExternalId, ErrorMessage = "The order number is at most 64 characters.")]
    public string Number { get; set; } = "";

    public ContactInput? Customer { get; set; }

    /// <summary>Total including VAT, minor units.</summary>
    [Range(0, 100_000_000_000, ErrorMessage = "The amount is a whole number of cents, 0 or more.")]
    public long Amount { get; set; }

    /// <summary>ISO 4217; the merchant's currency when absent.</summary>
    public string? Currency { get; set; }

    /// <summary>pending when absent.</summary>
    public string? Status { get; set; }

    /// <summary>awaiting_payment when absent.</summary>
    public string? PaymentState { get; set; }

    [StringLength(WebShopLimits.ExternalId, ErrorMessage = "The cart id is at most 64 characters.")]
    public string? CartId { get; set; }

    /// <summary>LoyaltyHub's id of the shop where the order is collected; absent for delivered orders.</summary>
    public int? PickupShopId { get; set; }

    /// <summary>When the customer ordered; now when absent.</summary>
    public DateTimeOffset? PlacedAt { get; set; }

    public List<LineInput>? Lines { get; set; }
}

/// <summary>A change of an order's status or payment state; absent fields stay as they are.</summary>
public sealed class OrderChange
{
    public string? Status { get; set; }

    public string? PaymentState { get; set; }
}

public sealed class CartInput
{
    public ContactInput? Customer { get; set; }

    [Range(0, 100_000_000_000, ErrorMessage = "The amount excluding VAT is a whole number of cents, 0 or more.")]
    public long AmountExclVat { get; set; }

    public string? Currency { get; set; }

    [StringLength(WebShopLimits.Url, ErrorMessage = "The recovery URL is at most 2048 characters.")]
    public string? RecoveryUrl { get; set; }

    public List<LineInput>? Lines { get; set; }
}

public sealed class ReturnInput
{
    [Required(ErrorMessage = "Give the return's id.")]
    [StringLength(WebShopLimits.ExternalId, ErrorMessage = "The return id is at most 64 characters.")]
    public string Id { get; set; } = "";

    [Required(ErrorMessage = "Give the number of the order being returned.")]
    [StringLength(WebShopLimits.ExternalId, ErrorMessage = "The order number is at most 64 characters.")]
    public string OrderNumber { get; set; } = "";

    [StringLength(WebShopLimits.Reason, ErrorMessage = "The reason is at most 1000 characters.")]
    public string? Reason { get; set; }

    public List<LineInput>? Lines { get; set; }
}

/// <summary>A customer pushed by the shop: matched on email, else phone; absent fields keep their value.</summary>
public sealed class ShopCustomerInput
{
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254, ErrorMessage = "The email is at most 254 characters.")]
    public string? Email { get; set; }

    [StringLength(32, ErrorMessage = "The phone number is at most 32 characters.")]
    public string? Phone { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? MiddleName { get; set; }

    /// <summary>female, male, other or unspecified.</summary>
    public string? Gender { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Language { get; set; }

    public string? PostalCode { get; set; }

    public bool? IsPro { get; set; }

    /// <summary>Groups (tags); replaces the customer's tags when given.</summary>
    public List<string>? Groups { get; set; }

    /// <summary>Marketing consent per channel as the customer gave it in the shop; unchanged when absent.</summary>
    public bool? SmsConsent { get; set; }

    public bool? EmailConsent { get; set; }
}

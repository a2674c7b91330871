using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Shops;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// A merchant's end customer and their loyalty card (SPEC §3). Rows are never deleted: closing an
/// account keeps the row, so a card number is never given to anyone else.
/// </summary>
public sealed class Customer : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Digits only, unique in the tenant (see <see cref="CardNumbers"/>).</summary>
    public required string CardNumber { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    /// <summary>Middle name or patronymic.</summary>
    public string? MiddleName { get; set; }

    public Gender Gender { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>Lower case; unique in the tenant; the customer's login name.</summary>
    public string? Email { get; set; }

    /// <summary>Mobile number in E.164 (see <see cref="PhoneNumbers"/>).</summary>
    public string? Phone { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>en, fr, it or ru: the language of the messages this customer receives.</summary>
    public string Language { get; set; } = "en";

    public bool IsPro { get; set; }

    public List<CustomerTag> Tags { get; set; } = [];

    /// <summary>The shop where the card was handed out; null when registered from the back office or an import.</summary>
    public int? RegisteredShopId { get; set; }

    public Shop? RegisteredShop { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastVisitAt { get; set; }

    public CustomerStatus Status { get; set; }

    /// <summary>The CSV import that created this customer, so the batch can be undone; null otherwise.</summary>
    public int? ImportBatchId { get; set; }

    public ChannelConsent SmsConsent { get; set; } = new();

    public ChannelConsent EmailConsent { get; set; } = new();

    /// <summary>"last first", normalised by <see cref="SearchKeys.Name"/>: what name look-ups compare.</summary>
    public string SearchName { get; set; } = "";

    public string FullName => string.IsNullOrWhiteSpace(MiddleName) ? $"{FirstName} {LastName}" : $"{FirstName} {MiddleName} {LastName}";

    public ChannelConsent Consent(ConsentChannel channel) => channel == ConsentChannel.Sms ? SmsConsent : EmailConsent;
}

public enum Gender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

public enum CustomerStatus
{
    Active = 0,

    /// <summary>Closed for good: never found at the counter again; the card number stays taken.</summary>
    Closed = 1,
}

/// <summary>
/// Where a customer stands on one channel, with the proof: when, how and the exact text shown.
/// Every change also appends a <see cref="ConsentLogEntry"/>.
/// </summary>
public sealed class ChannelConsent
{
    public bool Granted { get; set; }

    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>How it was given or withdrawn: one of <see cref="ConsentSources"/>.</summary>
    public string? Source { get; set; }

    /// <summary>The sentence the customer agreed to (or declined), as shown.</summary>
    public string? Text { get; set; }
}

/// <summary>A customer's group or tag, kept in its own table so segments can filter by tag on an index.</summary>
public sealed class CustomerTag : ITenantOwned
{
    public int CustomerId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Lower case, trimmed (see <see cref="CustomerTags.Parse"/>).</summary>
    public required string Tag { get; set; }
}

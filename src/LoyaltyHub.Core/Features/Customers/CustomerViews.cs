using LoyaltyHub.Core.Common;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>A customer in a result list: the counter's look-up and the manager's grid.</summary>
public sealed record CustomerRow(
    int Id, string CardNumber, string FirstName, string LastName, string? Email, string? Phone, bool IsPro,
    CustomerStatus Status, string? ShopName, DateTimeOffset CreatedAt, DateTimeOffset? LastVisitAt)
{
    public string Name => $"{FirstName} {LastName}";
}

/// <summary>One customer with what their page shows besides the row itself.</summary>
public sealed record CustomerDetails(Customer Customer, string? ShopName, CustomerLogin Login);

public enum CustomerLogin
{
    /// <summary>No email, so no portal login.</summary>
    None,
    AwaitingActivation,
    Active,
}

/// <summary>The manager's filters; every one is optional.</summary>
public sealed class CustomerSearch
{
    /// <summary>A card number, a phone, an email or the start of a name, as at the counter.</summary>
    public string? Text { get; set; }

    public bool? IsPro { get; set; }

    public int? ShopId { get; set; }

    public bool? HasEmail { get; set; }

    public bool? HasPhone { get; set; }

    /// <summary>First day included, in the merchant's time zone.</summary>
    public DateOnly? CreatedFrom { get; set; }

    /// <summary>Last day included, in the merchant's time zone.</summary>
    public DateOnly? CreatedTo { get; set; }

    public string? Tag { get; set; }

    public bool IncludeClosed { get; set; }
}

public enum CustomerSort
{
    CreatedAt,
    Name,
    CardNumber,
    LastVisitAt,
}

/// <summary>Which page, in which order; the service caps the page size.</summary>
public sealed record CustomerPaging(int Skip, int Take, CustomerSort Sort = CustomerSort.CreatedAt, bool Descending = true);

/// <summary>One page of customers and how many match in all; when <paramref name="MoreThanTotal"/>, at least that many.</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerRow> Rows, int Total, bool MoreThanTotal)
{
    /// <summary>How many match, as the list shows it: "1,234", or "10,000+" when counting stopped at the cap.</summary>
    public string TotalText => Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + (MoreThanTotal ? "+" : "");
}

/// <summary>What customer pages and rules need to know about the merchant; Language is the new customers' default.</summary>
public sealed record CustomerMerchant(string Name, string Country, string Language, string TimeZoneId)
{
    /// <summary>The merchant's time zone; UTC if its id is unknown to this machine.</summary>
    public TimeZoneInfo Zone { get; } = TimeZones.Find(TimeZoneId);
}

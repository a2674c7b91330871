using LoyaltyHub.Core.Features.Customers;
using V = LoyaltyHub.Core.Features.Messaging.Content.TemplateVariables;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// What one message is about, typed: the sender fills what its event has, and
/// <see cref="ToValues"/> turns it into the text each variable shows, in the customer's language.
/// A variable with no value shows nothing.
/// </summary>
public sealed record TemplateData
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? MiddleName { get; init; }
    public Gender Gender { get; init; }
    public string? Email { get; init; }
    public string? CardNumber { get; init; }
    public string? ShopUrl { get; init; }
    public string? ShopPhone { get; init; }

    /// <summary>ISO 4217 code of the amounts below.</summary>
    public string Currency { get; init; } = "EUR";

    public string? OrderNumber { get; init; }
    public long? OrderAmountMinor { get; init; }
    public string? OrderStatus { get; init; }
    public string? ProductCode { get; init; }
    public long? PointsEarned { get; init; }
    public long? PointsBalance { get; init; }
    public long? PointsExpiring { get; init; }
    public DateOnly? PointsExpiryDate { get; init; }
    public long? GiftCardAmountMinor { get; init; }
    public string? CartUrl { get; init; }
    public string? UnsubscribeUrl { get; init; }

    /// <summary>The one-time link of account activation; only that event may show it.</summary>
    public string? ActivationUrl { get; init; }

    public string? GiftCardNumber { get; init; }

    /// <summary>The buyer's words to the recipient, as they wrote them (line breaks kept).</summary>
    public string? GiftCardMessage { get; init; }

    /// <summary>The lines of a return request on one line, "2 x SKU-1 Coffee beans; 1 x SKU-2 Mug".</summary>
    public string? ReturnProducts { get; init; }

    /// <summary>This data with <paramref name="customer"/>'s own fields in place of any there were.</summary>
    public TemplateData WithCustomer(Customer customer, long? pointsBalance)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return this with
        {
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            MiddleName = customer.MiddleName,
            Gender = customer.Gender,
            Email = customer.Email,
            CardNumber = customer.CardNumber,
            PointsBalance = pointsBalance,
        };
    }

    /// <summary>Believable values for every variable: the editor's preview before a customer is picked, and its SMS counter.</summary>
    public static TemplateData Sample(string currency, DateOnly today) => new()
    {
        FirstName = "Alice",
        LastName = "Martin",
        MiddleName = "Marie",
        Gender = Gender.Female,
        Email = "alice@example.com",
        CardNumber = "2000000012345",
        ShopUrl = "https://shop.example.com",
        ShopPhone = "+33 1 23 45 67 89",
        Currency = currency,
        OrderNumber = "10042",
        OrderAmountMinor = 4990,
        OrderStatus = "Shipped",
        ProductCode = "SKU-123",
        PointsEarned = 50,
        PointsBalance = 1320,
        PointsExpiring = 120,
        PointsExpiryDate = today.AddDays(30),
        GiftCardAmountMinor = 2500,
        CartUrl = "https://shop.example.com/cart/3f9a",
        UnsubscribeUrl = "https://loyaltyhub.example.com/u/sample",
        ActivationUrl = "https://loyaltyhub.example.com/Account/Activate?userId=sample&code=sample",
        GiftCardNumber = "9000 0000 1234 5678",
        GiftCardMessage = "Happy birthday! Paul",
        ReturnProducts = "1 x SKU-123 Mug; 2 x SKU-456 Tea 100 g",
    };

    public IReadOnlyDictionary<string, string> ToValues(string? language)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [V.FirstName] = FirstName,
            [V.LastName] = LastName,
            [V.MiddleName] = MiddleName,
            [V.Salutation] = MessageLanguages.Salutation(language, Gender),
            [V.Email] = Email,
            [V.CardNumber] = CardNumber,
            [V.ShopUrl] = ShopUrl,
            [V.ShopPhone] = ShopPhone,
            [V.OrderNumber] = OrderNumber,
            [V.OrderAmount] = Money(OrderAmountMinor, language),
            [V.OrderStatus] = OrderStatus,
            [V.ProductCode] = ProductCode,
            [V.PointsEarned] = Number(PointsEarned, language),
            [V.PointsBalance] = Number(PointsBalance, language),
            [V.PointsExpiring] = Number(PointsExpiring, language),
            [V.PointsExpiryDate] = PointsExpiryDate is { } date ? MessageLanguages.Date(date, language) : null,
            [V.GiftCardAmount] = Money(GiftCardAmountMinor, language),
            [V.CartUrl] = CartUrl,
            [V.UnsubscribeUrl] = UnsubscribeUrl,
            [V.ActivationUrl] = ActivationUrl,
            [V.GiftCardNumber] = GiftCardNumber,
            [V.GiftCardMessage] = GiftCardMessage,
            [V.ReturnProducts] = ReturnProducts,
        };
        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
    }

    private string? Money(long? minor, string? language) =>
        minor is { } amount ? MessageLanguages.Money(amount, Currency, language) : null;

    private static string? Number(long? value, string? language) =>
        value is { } number ? MessageLanguages.Number(number, language) : null;
}

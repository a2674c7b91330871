using System.Collections.Frozen;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>One variable a template may use: its canonical name (written <c>{{name}}</c>) and what it holds.</summary>
public sealed record TemplateVariable(string Name, string Description);

/// <summary>
/// The canonical variables of SPEC §7, and the spellings of the seeds' originals accepted as
/// aliases (seed 000 "#firstname#", seed 004 ":И:"). An alias is rewritten to its canonical name
/// when a template is saved, so stored templates use one spelling.
/// </summary>
public static class TemplateVariables
{
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string MiddleName = "middle_name";
    public const string Salutation = "salutation";
    public const string Email = "email";
    public const string ShopUrl = "shop_url";
    public const string OrderNumber = "order_number";
    public const string OrderAmount = "order_amount";
    public const string OrderStatus = "order_status";
    public const string ProductCode = "product_code";
    public const string ShopPhone = "shop_phone";
    public const string PointsEarned = "points_earned";
    public const string PointsBalance = "points_balance";
    public const string PointsExpiring = "points_expiring";
    public const string PointsExpiryDate = "points_expiry_date";
    public const string CardNumber = "card_number";
    public const string GiftCardAmount = "gift_card_amount";
    public const string CartUrl = "cart_url";
    public const string UnsubscribeUrl = "unsubscribe_url";
    public const string ActivationUrl = "activation_url";
    public const string GiftCardNumber = "gift_card_number";
    public const string GiftCardMessage = "gift_card_message";
    public const string ReturnProducts = "return_products";

    public static IReadOnlyList<TemplateVariable> All { get; } =
    [
        new(FirstName, "Customer's first name"),
        new(LastName, "Customer's last name"),
        new(MiddleName, "Customer's middle name or patronymic"),
        new(Salutation, "\"Dear Mr\" or \"Dear Ms\" in the customer's language"),
        new(Email, "Customer's email"),
        new(ShopUrl, "Your shop's web address"),
        new(OrderNumber, "Order number"),
        new(OrderAmount, "Order amount with currency"),
        new(OrderStatus, "Order status"),
        new(ProductCode, "Code of the returned product"),
        new(ShopPhone, "Your shop's phone number"),
        new(PointsEarned, "Points credited by this purchase"),
        new(PointsBalance, "Customer's points balance"),
        new(PointsExpiring, "Points about to expire"),
        new(PointsExpiryDate, "Date the points expire"),
        new(CardNumber, "Loyalty card number"),
        new(GiftCardAmount, "Gift card value with currency"),
        new(CartUrl, "Link back to the abandoned cart"),
        new(UnsubscribeUrl, "Link to unsubscribe"),
        new(ActivationUrl, "Link where the customer chooses a password and activates the account"),
        new(GiftCardNumber, "Number of the gift card received"),
        new(GiftCardMessage, "Personal message the buyer wrote for the gift card's recipient (may be empty)"),
        new(ReturnProducts, "Returned lines: code, name and quantity of each product"),
    ];

    private static readonly FrozenDictionary<string, TemplateVariable> ByName =
        All.ToFrozenDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>
    /// Seed 000 (PrestaShop SMS module, "#name#"; its own example writes "#mail#" for the email)
    /// and seed 004 (":Уваж:" and the other Russian shortcuts). Case-insensitive.
    /// </summary>
    public static FrozenDictionary<string, string> Aliases { get; } = new Dictionary<string, string>
    {
        ["#firstname#"] = FirstName,
        ["#lastname#"] = LastName,
        ["#email#"] = Email,
        ["#mail#"] = Email,
        ["#url#"] = ShopUrl,
        ["#num_order#"] = OrderNumber,
        ["#amount#"] = OrderAmount,
        ["#status#"] = OrderStatus,
        ["#code_prod#"] = ProductCode,
        [":Уваж:"] = Salutation,
        [":И:"] = FirstName,
        [":О:"] = MiddleName,
        [":ID:"] = OrderNumber,
        [":Tel:"] = ShopPhone,
        [":НачисленоБонусов:"] = PointsEarned,
        [":ДатаСгорания:"] = PointsExpiryDate,
        [":БалансБонусов:"] = PointsBalance,
        [":СгораетБонусов:"] = PointsExpiring,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static TemplateVariable Get(string name) => ByName[name];

    public static string Token(string name) => $"{{{{{name}}}}}";
}

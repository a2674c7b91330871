using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Shops;

namespace LoyaltyHub.UnitTests.Features.Shops;

public sealed class ShopInputValidationTests
{
    private static ShopInput Valid() => new()
    {
        Name = "Rue de Rivoli",
        Address = "12 rue de Rivoli, 75004 Paris",
        Phone = "+33 (1) 23.45.67-89",
        Email = "rivoli@example.com",
        OpeningHours = "Mon–Sat 9:00–19:00",
    };

    public static TheoryData<string, string?, string> InvalidFields => new()
    {
        { nameof(ShopInput.Name), "", "Give the shop a name." },
        { nameof(ShopInput.Name), new string('n', 121), "The name is at most 120 characters." },
        { nameof(ShopInput.Address), new string('a', 301), "The address is at most 300 characters." },
        { nameof(ShopInput.Phone), "12345", "Enter a phone number such as +33 1 23 45 67 89." },
        { nameof(ShopInput.Phone), "+33 1 23 45 67 89 ext. 4", "Enter a phone number such as +33 1 23 45 67 89." },
        { nameof(ShopInput.Email), "", "Enter the shop's email: its staff login is sent there." },
        { nameof(ShopInput.Email), "rivoli-at-example.com", "Enter a valid email address." },
        { nameof(ShopInput.Email), new string('e', 250) + "@example.com", "The email is at most 254 characters." },
        { nameof(ShopInput.OpeningHours), new string('h', 501), "Opening hours are at most 500 characters." },
    };

    [Fact]
    public void A_valid_shop_passes() => Assert.Null(Result.Validate(Valid()));

    [Fact]
    public void Optional_fields_may_be_left_empty() =>
        Assert.Null(Result.Validate(new ShopInput { Name = "Kiosk", Email = "kiosk@example.com" }));

    [Fact]
    public void Values_at_the_length_limits_pass()
    {
        var input = Valid();
        input.Name = new string('n', 120);
        input.Address = new string('a', 300);
        input.OpeningHours = new string('h', 500);

        Assert.Null(Result.Validate(input));
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Each_rule_reports_its_message_on_its_field(string field, string? value, string message)
    {
        var input = Valid();
        typeof(ShopInput).GetProperty(field)!.SetValue(input, value);

        var result = Result.Validate(input);

        Assert.NotNull(result);
        var (key, messages) = Assert.Single(result.Errors);
        Assert.Equal(field, key);
        Assert.Equal([message], messages);
    }

    [Fact]
    public void An_empty_form_reports_every_required_field_at_once()
    {
        var result = Result.Validate(new ShopInput());

        Assert.NotNull(result);
        Assert.Equal([nameof(ShopInput.Email), nameof(ShopInput.Name)], result.Errors.Keys.Order(StringComparer.Ordinal));
    }
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Identity;

namespace LoyaltyHub.UnitTests.Features.Identity;

public sealed class SignUpInputValidationTests
{
    private static SignUpInput Valid() => new()
    {
        Company = "Café Rosé & Co",
        Name = "Anna Rossi",
        Email = "anna@example.com",
        Password = "Secret-123",
        ConfirmPassword = "Secret-123",
        Phone = "+33 1 23 45 67 89",
        Country = "FR",
        Language = "fr",
    };

    public static TheoryData<string, string?, string> InvalidFields => new()
    {
        { nameof(SignUpInput.Company), "", "Enter your company's name." },
        { nameof(SignUpInput.Company), new string('c', 201), "The company name is at most 200 characters." },
        { nameof(SignUpInput.Name), " ", "Enter your name." },
        { nameof(SignUpInput.Name), new string('n', 201), "Your name is at most 200 characters." },
        { nameof(SignUpInput.Email), "", "Enter your email address." },
        { nameof(SignUpInput.Email), "anna.example.com", "Enter a valid email address." },
        { nameof(SignUpInput.ConfirmPassword), "Secret-124", "The two passwords differ." },
        { nameof(SignUpInput.Phone), "call me", "Enter a phone number such as +33 1 23 45 67 89." },
        { nameof(SignUpInput.Country), "", "Choose your country." },
        { nameof(SignUpInput.Country), "fr", "Choose your country." },
        { nameof(SignUpInput.Country), "FRA", "Choose your country." },
        { nameof(SignUpInput.Language), "de", "Choose English, French, Italian or Russian." },
    };

    [Fact]
    public void A_valid_sign_up_passes() => Assert.Null(Result.Validate(Valid()));

    [Fact]
    public void A_valid_sign_up_without_phone_passes()
    {
        var input = Valid();
        input.Phone = null;

        Assert.Null(Result.Validate(input));
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Each_rule_reports_its_message_on_its_field(string field, string? value, string message)
    {
        var input = Valid();
        typeof(SignUpInput).GetProperty(field)!.SetValue(input, value);

        var result = Result.Validate(input);

        Assert.NotNull(result);
        Assert.False(result.Succeeded);
        var (key, messages) = Assert.Single(result.Errors);
        Assert.Equal(field, key);
        Assert.Equal([message], messages);
    }

    [Fact]
    public void A_missing_password_is_required_on_the_password_field()
    {
        var input = Valid();
        input.Password = "";
        input.ConfirmPassword = "";

        var result = Result.Validate(input);

        Assert.NotNull(result);
        Assert.Equal(["Choose a password."], Assert.Single(result.Errors, e => e.Key == nameof(SignUpInput.Password)).Value);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void An_email_over_254_characters_is_rejected_on_the_email_field()
    {
        var input = Valid();
        input.Email = new string('a', 250) + "@example.com";

        var result = Result.Validate(input);

        Assert.NotNull(result);
        Assert.Equal([nameof(SignUpInput.Email)], result.Errors.Keys);
        Assert.Contains("254", Assert.Single(result.Errors[nameof(SignUpInput.Email)]), StringComparison.Ordinal);
    }
}

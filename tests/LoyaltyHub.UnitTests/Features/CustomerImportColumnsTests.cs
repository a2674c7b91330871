using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features;

public sealed class CustomerImportColumnsTests
{
    [Theory]
    [InlineData("card number", ImportField.CardNumber)]
    [InlineData("Card_Number", ImportField.CardNumber)]
    [InlineData("firstname", ImportField.FirstName)]
    [InlineData("#firstname#", ImportField.FirstName)]
    [InlineData("Prénom", ImportField.FirstName)]
    [InlineData("prenom", ImportField.FirstName)]
    [InlineData("Last Name", ImportField.LastName)]
    [InlineData("E-mail", ImportField.Email)]
    [InlineData("Téléphone", ImportField.Phone)]
    [InlineData("birth date", ImportField.BirthDate)]
    [InlineData("Code postal", ImportField.PostalCode)]
    [InlineData("language", ImportField.Language)]
    [InlineData("pro", ImportField.Pro)]
    [InlineData("tags", ImportField.Tags)]
    [InlineData("sms consent", ImportField.SmsConsent)]
    [InlineData("email consent", ImportField.EmailConsent)]
    [InlineData("favourite colour", ImportField.Ignore)]
    [InlineData("", ImportField.Ignore)]
    public void Headers_are_guessed_from_common_spellings_and_the_seed_aliases(string header, ImportField expected) =>
        Assert.Equal(expected, CustomerImportColumns.Guess(header));

    [Fact]
    public void A_field_goes_to_its_first_column_only() =>
        Assert.Equal([ImportField.FirstName, ImportField.Ignore, ImportField.Email],
            CustomerImportColumns.GuessAll(["firstname", "prenom", "email"]));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("maybe", false)]
    public void Only_an_explicit_yes_grants_consent(string? value, bool expected) =>
        Assert.Equal(expected, CustomerImportColumns.IsYes(value));
}

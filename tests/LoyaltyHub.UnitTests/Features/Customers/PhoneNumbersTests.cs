using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class PhoneNumbersTests
{
    public static TheoryData<string, string, string> Normalised => new()
    {
        // As typed in the merchant's country…
        { "06 12 34 56 78", "FR", "+33612345678" },
        { "06.12.34.56.78", "FR", "+33612345678" },
        { "0612345678", "FR", "+33612345678" },
        { "612345678", "FR", "+33612345678" },
        { "347 123 4567", "IT", "+393471234567" },
        { "06 6982 0000", "IT", "+390669820000" }, // Italian landlines keep their 0
        { "8 912 345-67-89", "RU", "+79123456789" },
        { "8 (912) 345-67-89", "RU", "+79123456789" },
        { "912 345 67 89", "RU", "+79123456789" },
        { "79123456789", "RU", "+79123456789" },
        { "07400 123456", "GB", "+447400123456" },
        { "(201) 555-0123", "US", "+12015550123" },
        // …and international numbers whatever the merchant's country.
        { "+44 20 7946 0958", "FR", "+442079460958" },
        { "+33 6 12 34 56 78", "IT", "+33612345678" },
        { "+33 (0)6 12 34 56 78", "RU", "+33612345678" },
        { "+33 06 12 34 56 78", "FR", "+33612345678" },
        { "0033 6 12 34 56 78", "IT", "+33612345678" },
        { "  +7 912 345 67 89 ", "FR", "+79123456789" },
        { "+358 40 1234567", "FR", "+358401234567" }, // no plan for Finland: E.164's own limits
        { "+39 347 123 4567", "XX", "+393471234567" },
    };

    [Theory]
    [MemberData(nameof(Normalised))]
    public void Numbers_are_normalised_to_E164(string typed, string country, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(typed, country, out var e164, out var error), error);
        Assert.Equal(expected, e164);
    }

    public static TheoryData<string?, string, string> Rejected => new()
    {
        { "", "FR", "Enter a phone number, such as 06 12 34 56 78." },
        { null, "IT", "Enter a phone number, such as 347 123 4567." },
        { "call me", "FR", "A phone number has only digits, spaces and + ( ) - . such as 06 12 34 56 78." },
        { "06 12 34 56 7x", "FR", "A phone number has only digits, spaces and + ( ) - . such as 06 12 34 56 78." },
        { "06 12 34 56", "FR", "This number has too few or too many digits; type it as 06 12 34 56 78 or with its country code." },
        { "06 12 34 56 78 90", "FR", "This number has too few or too many digits; type it as 06 12 34 56 78 or with its country code." },
        { "8 912 345", "RU", "This number has too few or too many digits; type it as 8 912 345-67-89 or with its country code." },
        { "+33 6 12 34", "FR", "This number has too few or too many digits for its country code." },
        { "+1234", "FR", "This number has too few or too many digits for its country code." },
        { "+0612345678", "FR", "This number has too few or too many digits for its country code." },
        { "+1234567890123456", "FR", "This number has too few or too many digits for its country code." },
        { "0612345678", "XX", "Enter the number with its country code, such as +33 6 12 34 56 78." },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Garbage_is_rejected_with_a_clear_message(string? typed, string country, string message)
    {
        Assert.False(PhoneNumbers.TryNormalize(typed, country, out var e164, out var error));
        Assert.Null(e164);
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_normalised_number_normalises_to_itself()
    {
        Assert.True(PhoneNumbers.TryNormalize("+33612345678", "RU", out var again, out _));
        Assert.Equal("+33612345678", again);
    }
}

using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class CardNumbersTests
{
    [Theory]
    [InlineData("7992739871", '3')] // the textbook Luhn example
    [InlineData("453957876362148", '6')] // a test Visa number
    [InlineData("10000000001", '6')]
    [InlineData("0", '0')]
    public void Check_digit_is_the_Luhn_digit(string payload, char expected) => Assert.Equal(expected, CardNumbers.CheckDigit(payload));

    [Fact]
    public void Generated_numbers_have_12_digits_no_leading_zero_and_a_valid_check_digit()
    {
        for (var i = 0; i < 1000; i++)
        {
            var number = CardNumbers.Generate();

            Assert.Equal(CardNumbers.GeneratedLength, number.Length);
            Assert.True(number.All(char.IsAsciiDigit), number);
            Assert.NotEqual('0', number[0]);
            Assert.True(CardNumbers.HasValidCheckDigit(number), number);
            Assert.True(CardNumbers.TryNormalize(number, out var normalised, out _));
            Assert.Equal(number, normalised);
        }
    }

    [Fact]
    public void Generation_uses_the_random_source_it_is_given()
    {
        // Always the lowest digit allowed: 1 then zeros, and the check digit of that.
        var number = CardNumbers.Generate((min, _) => min);

        Assert.Equal("100000000008", number);
    }

    [Fact]
    public void Generated_numbers_do_not_repeat_in_practice()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => CardNumbers.Generate()).ToHashSet();

        Assert.Equal(10_000, numbers.Count);
    }

    [Theory]
    [InlineData("1000 0000 0016", "100000000016")]
    [InlineData("1000-0000-0016", "100000000016")]
    [InlineData(" 100000000016 ", "100000000016")]
    [InlineData("79927398713", "79927398713")]
    [InlineData("4539 5787 6362 1486", "4539578763621486")]
    public void Typed_numbers_are_compacted_and_accepted(string typed, string expected)
    {
        Assert.True(CardNumbers.TryNormalize(typed, out var number, out var error), error);
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("", "A card number has digits only.")]
    [InlineData("1000 0000 001A", "A card number has digits only.")]
    [InlineData("1234567", "A card number has 8 to 19 digits.")]
    [InlineData("12345678901234567890", "A card number has 8 to 19 digits.")]
    [InlineData("100000000019", "This card number is not valid: check each digit (the last one is a check digit).")]
    [InlineData("100000000061", "This card number is not valid: check each digit (the last one is a check digit).")] // last two swapped
    public void Invalid_numbers_are_rejected_with_a_clear_message(string typed, string message)
    {
        Assert.False(CardNumbers.TryNormalize(typed, out var number, out var error));
        Assert.Null(number);
        Assert.Equal(message, error);
    }

    [Fact]
    public void Any_single_wrong_digit_is_caught()
    {
        const string valid = "100000000016";
        for (var position = 0; position < valid.Length; position++)
        {
            foreach (var digit in "0123456789".Where(d => d != valid[position]))
            {
                var typo = valid[..position] + digit + valid[(position + 1)..];
                Assert.False(CardNumbers.HasValidCheckDigit(typo), typo);
            }
        }
    }

    [Fact]
    public void Display_groups_digits_by_four() => Assert.Equal("1000 0000 0016", CardNumbers.Display("100000000016"));
}

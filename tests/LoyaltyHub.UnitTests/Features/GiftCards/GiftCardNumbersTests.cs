using LoyaltyHub.Core.Features.GiftCards;

namespace LoyaltyHub.UnitTests.Features.GiftCards;

public sealed class GiftCardNumbersTests
{
    [Theory]
    [InlineData("4539 5787 6362 1486", "4539578763621486")]
    [InlineData("7992-7398-713", "79927398713")]
    public void Printed_numbers_are_compacted_and_accepted(string typed, string expected)
    {
        Assert.True(GiftCardNumbers.TryNormalize(typed, out var number, out _));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("", "A gift card number has digits only.")]
    [InlineData("12ab5678", "A gift card number has digits only.")]
    [InlineData("1234567", "A gift card number has 8 to 19 digits.")]
    [InlineData("79927398710", "This gift card number is not valid: check each digit (the last one is a check digit).")]
    [InlineData("97927398713", "This gift card number is not valid: check each digit (the last one is a check digit).")] // two digits swapped
    public void Mistyped_numbers_are_refused_with_a_gift_card_message(string typed, string message)
    {
        Assert.False(GiftCardNumbers.TryNormalize(typed, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Generated_numbers_are_valid()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.True(GiftCardNumbers.TryNormalize(GiftCardNumbers.Generate(), out _, out _));
        }
    }
}

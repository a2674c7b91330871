using LoyaltyHub.Core.Common;

namespace LoyaltyHub.UnitTests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12.50", 1250)]
    [InlineData("12,50", 1250)]
    [InlineData("12.5", 1250)]
    [InlineData("12", 1200)]
    [InlineData("12.", 1200)]
    [InlineData(" 7.05 ", 705)]
    [InlineData("0.01", 1)]
    [InlineData("0", 0)]
    [InlineData("0007.10", 710)]
    [InlineData("99999999.99", 99_999_999_99)]
    public void Amounts_in_currency_units_become_minor_units(string text, long expected)
    {
        Assert.True(Money.TryParseMinor(text, out var minor, out var error), error);
        Assert.Equal(expected, minor);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("-1", Money.NegativeMessage)]
    [InlineData("-0.50", Money.NegativeMessage)]
    [InlineData("-12.505", Money.NegativeMessage)]
    [InlineData("12.505", Money.DecimalsMessage)]
    [InlineData("0.001", Money.DecimalsMessage)]
    [InlineData("100000000", Money.TooLargeMessage)]
    [InlineData("999999999999999", Money.TooLargeMessage)]
    [InlineData("", Money.FormatMessage)]
    [InlineData("   ", Money.FormatMessage)]
    [InlineData(null, Money.FormatMessage)]
    [InlineData("abc", Money.FormatMessage)]
    [InlineData("12 EUR", Money.FormatMessage)]
    [InlineData("€12", Money.FormatMessage)]
    [InlineData("1,234.50", Money.FormatMessage)]
    [InlineData("1 234", Money.FormatMessage)]
    [InlineData(".50", Money.FormatMessage)]
    [InlineData("+12", Money.FormatMessage)]
    [InlineData("1e3", Money.FormatMessage)]
    [InlineData("١٢", Money.FormatMessage)] // Arabic-Indic digits: \d would have matched them
    [InlineData("9999999999999999", Money.FormatMessage)] // more digits than can be parsed
    public void Bad_amounts_are_refused_with_a_clear_message(string? text, string message)
    {
        Assert.False(Money.TryParseMinor(text, out var minor, out var error));
        Assert.Equal(message, error);
        Assert.Equal(0, minor);
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(1, "0.01")]
    [InlineData(1250, "12.50")]
    [InlineData(99_999_999_99, "99999999.99")]
    public void Minor_units_show_with_two_decimals_and_parse_back(long minor, string text)
    {
        Assert.Equal(text, Money.ToText(minor));
        Assert.True(Money.TryParseMinor(text, out var back, out _));
        Assert.Equal(minor, back);
    }

    [Fact]
    public void Format_adds_the_currency() => Assert.Equal("12.50 EUR", Money.Format(1250, "EUR"));

    [Fact]
    public void Parsing_does_not_depend_on_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
            Assert.True(Money.TryParseMinor("12.50", out var minor, out _));
            Assert.Equal(1250, minor);
            Assert.Equal("12.50", Money.ToText(1250));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}

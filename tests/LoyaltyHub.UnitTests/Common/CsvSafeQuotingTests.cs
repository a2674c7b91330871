using LoyaltyHub.Core.Common;

namespace LoyaltyHub.UnitTests.Common;

public sealed class CsvSafeQuotingTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+33612345678", "'+33612345678")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Formula_starts_get_a_leading_apostrophe(string value, string expected) => Assert.Equal(expected, CsvSafe.Cell(value));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Café du Coin", "Café du Coin")]
    [InlineData("a=b", "a=b")] // only the first character can start a formula
    [InlineData("Smith, John", "\"Smith, John\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Plain_text_is_kept_and_quoted_when_needed(string? value, string expected) => Assert.Equal(expected, CsvSafe.Cell(value));

    [Fact]
    public void A_line_joins_cells_with_commas_and_ends_with_crlf() =>
        Assert.Equal("a,,'=1,\"b,c\"\r\n", CsvSafe.Line(["a", null, "=1", "b,c"]));
}

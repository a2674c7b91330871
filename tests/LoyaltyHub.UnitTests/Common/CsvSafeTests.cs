using LoyaltyHub.Core.Common;

namespace LoyaltyHub.UnitTests.Common;

public sealed class CsvSafeTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+33612345678", "'+33612345678")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    public void Cells_a_spreadsheet_would_evaluate_get_a_leading_apostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvSafe.Neutralise(value));

    [Theory]
    [InlineData("Durand")]
    [InlineData("a=b")]
    [InlineData(" =not first")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_cells_are_unchanged(string? value) => Assert.Equal(value, CsvSafe.Neutralise(value));
}

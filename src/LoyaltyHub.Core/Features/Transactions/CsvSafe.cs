namespace LoyaltyHub.Core.Features.Transactions;

/// <summary>
/// CSV cells that a spreadsheet opens as text, never as a formula (CSV injection): a value starting
/// with =, +, -, @, tab or carriage return gets a leading apostrophe. Cells with a separator, a
/// quote or a line break are quoted (RFC 4180).
/// </summary>
public static class CsvSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', ';', '"', '\n', '\r'];

    /// <summary>A text cell (names, references): neutralised, then quoted when needed.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>One line of cells, ending with CRLF.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}

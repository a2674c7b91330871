namespace LoyaltyHub.Core.Common;

/// <summary>
/// CSV formula neutralisation (OWASP "CSV injection"): a spreadsheet runs a cell that starts with
/// =, +, -, @, a tab or a carriage return as a formula, so a customer who types "=HYPERLINK(...)"
/// as a name could attack the manager who opens the export. Such cells get a leading apostrophe,
/// which spreadsheets show as text and do not evaluate.
/// </summary>
public static class CsvSafe
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', ';', '"', '\n', '\r'];

    /// <summary>Neutralised but not quoted: for writers that quote on their own (CsvHelper).</summary>
    public static string? Neutralise(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(FormulaStarts, value[0]) < 0 ? value : "'" + value;

    /// <summary>Neutralised, then quoted when it holds a separator, a quote or a line break (RFC 4180).</summary>
    public static string Cell(string? value)
    {
        var safe = Neutralise(value);
        if (string.IsNullOrEmpty(safe))
        {
            return "";
        }

        return safe.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>One line of cells, ending with CRLF.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";
}

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

    public static string? Cell(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(FormulaStarts, value[0]) < 0 ? value : "'" + value;
}

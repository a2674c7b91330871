using System.Globalization;
using System.Text;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

public enum SmsKeyword
{
    None = 0,
    Stop = 1,
    Start = 2,
}

/// <summary>
/// Reads an inbound SMS as an opt-out or opt-in keyword (SPEC §10). Only a message that IS the
/// keyword counts ("stop", "Stop!", " ARRÊT. ", "Стоп"): a sentence that merely contains "stop"
/// ("don't stop the offers") is ignored. Case, accents and trailing punctuation do not matter.
/// </summary>
public static class SmsKeywords
{
    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "STOPP", "СТОП",
    };

    private static readonly HashSet<string> Start = new(StringComparer.Ordinal) { "START", "UNSTOP" };

    public static SmsKeyword Parse(string? body)
    {
        var word = Normalize(body);
        return Stop.Contains(word) ? SmsKeyword.Stop : Start.Contains(word) ? SmsKeyword.Start : SmsKeyword.None;
    }

    /// <summary>Trimmed, trailing punctuation removed, accents removed ("Ê" → "E"), upper case (Cyrillic too).</summary>
    public static string Normalize(string? body)
    {
        var text = (body ?? "").Trim();
        var end = text.Length;
        while (end > 0 && (char.IsPunctuation(text[end - 1]) || char.IsWhiteSpace(text[end - 1]) || char.IsSymbol(text[end - 1])))
        {
            end--;
        }

        // Longer than any keyword: not a keyword, and not worth normalising.
        if (end is 0 or > 16)
        {
            return "";
        }

        var decomposed = text[..end].Normalize(NormalizationForm.FormD);
        var word = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                word.Append(char.ToUpperInvariant(c));
            }
        }

        return word.ToString().Normalize(NormalizationForm.FormC);
    }
}

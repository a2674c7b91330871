using System.Net;
using System.Text.RegularExpressions;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// The plain-text part of an email derived from its HTML: block ends become line breaks, a link
/// keeps its address in brackets, tags go and entities are decoded. Good enough for the simple
/// HTML of message templates; it is not a general HTML renderer.
/// </summary>
public static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = Invisible().Replace(html, "");
        text = Links().Replace(text, m => m.Groups["label"].Value.Trim() == m.Groups["href"].Value
            ? m.Groups["href"].Value
            : $"{m.Groups["label"].Value} ({m.Groups["href"].Value})");
        text = Whitespace().Replace(text, " ");
        text = Breaks().Replace(text, "\n");
        text = BlockEnds().Replace(text, "\n\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        text = SpacesAroundBreaks().Replace(text, "\n");
        return ExtraBlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"<(style|script|head)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<label>.*?)</a\s*>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Links();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex(@"</(p|div|h[1-6]|li|tr|table|ul|ol|blockquote)\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t]*\n[ \t]*")]
    private static partial Regex SpacesAroundBreaks();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}

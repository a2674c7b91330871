using System.Text;
using System.Text.Unicode;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// How an uploaded CSV file is read before parsing: its text encoding and its separator. Excel
/// writes comma files in English locales, semicolon files in most European ones (the decimal
/// separator there is a comma) and tab files as "Unicode text"; older Excel versions save in
/// Windows-1252 rather than UTF-8.
/// </summary>
public static class CsvUpload
{
    /// <summary>The separators a file may use, in the order a tie on the header line is settled.</summary>
    private static readonly char[] Separators = [',', ';', '\t'];

    private const char Quote = '"';
    private const string SeparatorHint = "sep=";

    /// <summary>
    /// The file as text: UTF-8 (with or without a byte order mark) when its bytes are valid UTF-8,
    /// Windows-1252 otherwise (what Excel's plain "CSV" saves in Western Europe).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(bom))
        {
            bytes = bytes[bom.Length..];
        }

        return Utf8.IsValid(bytes)
            ? Encoding.UTF8.GetString(bytes)
            : CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
    }

    /// <summary>
    /// The separator of <paramref name="text"/> and where its header line starts. An Excel hint
    /// line (<c>sep=;</c>) names it and is skipped; otherwise it is the candidate found most often
    /// outside quotes on the header line — header names rarely contain a separator, while data
    /// cells do (decimal commas, addresses). A header of one column reads as comma-separated.
    /// </summary>
    public static (char Separator, int HeaderStart) Dialect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        if (firstLine.StartsWith(SeparatorHint, StringComparison.OrdinalIgnoreCase) && firstLine.Length == SeparatorHint.Length + 1
            && Separators.Contains(firstLine[^1]))
        {
            var next = firstLineEnd < 0 ? text.Length : firstLineEnd + 1;
            if (next < text.Length && text[firstLineEnd] == '\r' && text[next] == '\n')
            {
                next++;
            }

            return (firstLine[^1], next);
        }

        return (Detect(text), 0);
    }

    private static char Detect(string text)
    {
        var counts = new int[Separators.Length];
        var quoted = false;
        foreach (var c in text)
        {
            if (c == Quote)
            {
                // A doubled quote inside a quoted field toggles twice: the state is unchanged.
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Separators, c) is var index and >= 0)
            {
                counts[index]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Separators[best];
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// A message as the SMTP server stored it, read with just enough MIME to check what we sent:
/// unfolded headers (RFC 5322), encoded words decoded (RFC 2047), multipart bodies split into
/// leaf parts with base64 / quoted-printable and the charset undone. Test code: small on purpose.
/// </summary>
public sealed partial class ReceivedMail
{
    private ReceivedMail(string raw, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<MimePart> parts)
    {
        Raw = raw;
        Headers = headers;
        Parts = parts;
    }

    /// <summary>The file as stored (header section raw, encoded words and all).</summary>
    public string Raw { get; }

    /// <summary>Every top-level header in order, unfolded, raw value (encoded words kept).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The leaf parts, depth first: for multipart/alternative, the text and the HTML.</summary>
    public IReadOnlyList<MimePart> Parts { get; }

    /// <summary>The first header of that name, raw; null when absent.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The first header of that name with RFC 2047 encoded words decoded.</summary>
    public string? DecodedHeader(string name) => Header(name) is { } value ? DecodeWords(value) : null;

    public IEnumerable<string> HeaderNames => Headers.Select(h => h.Key);

    public static ReceivedMail Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var (headers, body) = SplitEntity(text);
        return new ReceivedMail(raw, headers, ReadParts(headers, body));
    }

    private static (List<KeyValuePair<string, string>> Headers, string Body) SplitEntity(string entity)
    {
        var end = entity.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? entity : entity[..end];
        var body = end < 0 ? "" : entity[(end + 2)..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                // Folded continuation: unfold by removing the line break only (RFC 5322 §2.2.3).
                var last = headers[^1];
                headers[^1] = KeyValuePair.Create(last.Key, last.Value + line);
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                headers.Add(KeyValuePair.Create(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return (headers, body);
    }

    private static List<MimePart> ReadParts(IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        var contentType = Find(headers, "Content-Type") ?? "text/plain; charset=us-ascii";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (!mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var charset = Parameter(contentType, "charset") ?? "us-ascii";
            var transfer = (Find(headers, "Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant();
            var bytes = transfer switch
            {
                "base64" => Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))),
                "quoted-printable" => DecodeQuotedPrintable(body),
                _ => Encoding.Latin1.GetBytes(body),
            };
            return [new MimePart(mediaType, contentType, Encoding.GetEncoding(charset).GetString(bytes))];
        }

        var boundary = Parameter(contentType, "boundary") ?? throw new FormatException($"No boundary in '{contentType}'.");
        var parts = new List<MimePart>();
        var sections = body.Split("--" + boundary);
        // sections[0] is the preamble; the last starts with "--" (the closing delimiter).
        foreach (var section in sections.Skip(1).TakeWhile(s => !s.StartsWith("--", StringComparison.Ordinal)))
        {
            var entity = section.StartsWith('\n') ? section[1..] : section;
            var (partHeaders, partBody) = SplitEntity(entity);
            parts.AddRange(ReadParts(partHeaders, partBody.EndsWith('\n') ? partBody[..^1] : partBody));
        }

        return parts;
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Parameter(string headerValue, string name)
    {
        foreach (var piece in headerValue.Split(';').Skip(1))
        {
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && piece[..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return piece[(eq + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private static byte[] DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        var latin1 = Encoding.Latin1.GetBytes(text.Replace("=\n", "", StringComparison.Ordinal));
        for (var i = 0; i < latin1.Length; i++)
        {
            if (latin1[i] == '=' && i + 2 < latin1.Length && Uri.IsHexDigit((char)latin1[i + 1]) && Uri.IsHexDigit((char)latin1[i + 2]))
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(latin1, i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(latin1[i]);
            }
        }

        return [.. bytes];
    }

    /// <summary>RFC 2047: =?charset?B|Q?text?=, whitespace between adjacent encoded words dropped.</summary>
    private static string DecodeWords(string value)
    {
        var joined = AdjacentWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            var encoding = Encoding.GetEncoding(m.Groups["charset"].Value);
            var payload = m.Groups["text"].Value;
            var bytes = m.Groups["kind"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(payload)
                : DecodeQuotedPrintable(payload.Replace('_', ' '));
            return encoding.GetString(bytes);
        });
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<kind>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}

/// <summary>One leaf part: its media type ("text/html"), full Content-Type and decoded text.</summary>
public sealed record MimePart(string MediaType, string ContentType, string Text);

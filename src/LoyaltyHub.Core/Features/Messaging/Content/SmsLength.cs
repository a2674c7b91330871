using System.Buffers;

namespace LoyaltyHub.Core.Features.Messaging.Content;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters in one SMS, 153 per part of a longer one.</summary>
    Gsm7 = 1,

    /// <summary>UTF-16 as the network carries it: 70 units in one SMS, 67 per part.</summary>
    Ucs2 = 2,
}

/// <summary>A character that forces UCS-2, at its UTF-16 index in the measured text (an emoji is one entry of two units).</summary>
public sealed record SmsForcingCharacter(int Index, string Text);

/// <summary>
/// What an SMS text costs. <see cref="Units"/> is what the limits count: septets in GSM-7 (an
/// extension-table character is two), UTF-16 units in UCS-2 (an emoji outside the BMP is two).
/// </summary>
public sealed record SmsMeasure(
    int Units, SmsEncoding Encoding, int Segments, IReadOnlyList<SmsForcingCharacter> Ucs2Characters)
{
    /// <summary>What one part holds for this text: the single-SMS limit while it fits in one.</summary>
    public int PerSegment => SmsLength.Capacity(Encoding, Segments);
}

/// <summary>
/// SMS length and parts (SPEC §7): one function shared by the template editor's counter and the
/// credit cost, always run on the final text (variables filled, STOP mention appended).
/// </summary>
public static class SmsLength
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153; // 7 septets go to the concatenation header
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    /// <summary>
    /// The GSM 03.38 basic set as .NET characters. Position 0x09 is the capital Ç, as in the
    /// standard; gateways that send "ç" as GSM-7 are not relied on, so ç costs UCS-2 here, and the
    /// count never promises more than a provider bills.
    /// </summary>
    private static readonly SearchValues<char> Basic = SearchValues.Create(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");

    /// <summary>The extension table: sent as ESC + code, so each counts two septets.</summary>
    private static readonly SearchValues<char> Extension = SearchValues.Create("\f^{}\\[~]|€");

    /// <summary>The text the gateway sends: the body, then the tenant's STOP mention on its own line when enabled.</summary>
    public static string WithStopMention(string body, string? stopMention)
    {
        ArgumentNullException.ThrowIfNull(body);
        var mention = stopMention?.Trim();
        return string.IsNullOrEmpty(mention) ? body
            : body.Length == 0 ? mention
            : $"{body.TrimEnd()}\n{mention}";
    }

    public static SmsMeasure Measure(string text, string? stopMention) => Measure(WithStopMention(text, stopMention));

    public static SmsMeasure Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var forcing = new List<SmsForcingCharacter>();
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsGsm7(text[i]))
            {
                var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                forcing.Add(new SmsForcingCharacter(i, text.Substring(i, pair ? 2 : 1)));
                i += pair ? 1 : 0;
            }
        }

        var encoding = forcing.Count == 0 ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var (units, segments) = Count(text, encoding);
        return new SmsMeasure(units, encoding, segments, forcing);
    }

    /// <summary>Units one part holds: the single-SMS limit, or the smaller limit of each part of a longer text.</summary>
    internal static int Capacity(SmsEncoding encoding, int segments) => (encoding, segments > 1) switch
    {
        (SmsEncoding.Gsm7, false) => Gsm7Single,
        (SmsEncoding.Gsm7, true) => Gsm7Part,
        (_, false) => Ucs2Single,
        _ => Ucs2Part,
    };

    private static bool IsGsm7(char c) => Basic.Contains(c) || Extension.Contains(c);

    /// <summary>
    /// Units and parts. A text over the single limit is cut into parts, and a unit that does not
    /// fit whole in what is left of a part starts the next one: an escape pair (ESC + code) or a
    /// surrogate pair split across two parts would arrive as two broken characters, so phones and
    /// gateways never split them, and a part may end one unit short.
    /// </summary>
    private static (int Units, int Segments) Count(string text, SmsEncoding encoding)
    {
        var total = 0;
        foreach (var width in Widths(text, encoding))
        {
            total += width;
        }

        if (total == 0)
        {
            return (0, 0);
        }

        if (total <= Capacity(encoding, 1))
        {
            return (total, 1);
        }

        var part = Capacity(encoding, 2);
        var segments = 1;
        var used = 0;
        foreach (var width in Widths(text, encoding))
        {
            if (used + width > part)
            {
                segments++;
                used = 0;
            }

            used += width;
        }

        return (total, segments);
    }

    /// <summary>Each indivisible unit of the text and how much of a part it takes.</summary>
    private static IEnumerable<int> Widths(string text, SmsEncoding encoding)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (encoding == SmsEncoding.Gsm7)
            {
                yield return Extension.Contains(text[i]) ? 2 : 1;
            }
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                yield return 2;
            }
            else
            {
                yield return 1;
            }
        }
    }
}

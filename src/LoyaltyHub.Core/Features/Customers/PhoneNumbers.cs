using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Normalises a phone number as people type it to E.164 ("+" country code, national number), so
/// SMS gateways accept it and a look-up by phone is one exact match. A number without a country
/// code is read in the merchant's country. No external library: a small numbering plan per
/// country LoyaltyHub sells in is enough to catch typos without rejecting real numbers.
/// </summary>
public static class PhoneNumbers
{
    public const int MaxLength = 16; // "+" and at most 15 digits (E.164)

    private const string Separators = " .-()/\u00a0";

    /// <summary>How a country writes its numbers: calling code, national trunk prefix, length of the national number.</summary>
    private sealed record Plan(string CallingCode, string? Trunk, int MinDigits, int MaxDigits, string Example);

    private static readonly Dictionary<string, Plan> Plans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FR"] = new("33", "0", 9, 9, "06 12 34 56 78"),
        ["IT"] = new("39", null, 6, 11, "347 123 4567"),
        ["RU"] = new("7", "8", 10, 10, "8 912 345-67-89"),
        ["GB"] = new("44", "0", 9, 10, "07400 123456"),
        ["DE"] = new("49", "0", 6, 13, "0151 23456789"),
        ["ES"] = new("34", null, 9, 9, "612 34 56 78"),
        ["PT"] = new("351", null, 9, 9, "912 345 678"),
        ["BE"] = new("32", "0", 8, 9, "0470 12 34 56"),
        ["NL"] = new("31", "0", 9, 9, "06 12345678"),
        ["LU"] = new("352", null, 4, 11, "621 123 456"),
        ["CH"] = new("41", "0", 9, 9, "078 123 45 67"),
        ["AT"] = new("43", "0", 4, 13, "0664 1234567"),
        ["IE"] = new("353", "0", 7, 9, "085 123 4567"),
        ["MC"] = new("377", null, 8, 9, "06 12 34 56 78"),
        ["US"] = new("1", "1", 10, 10, "(201) 555-0123"),
        ["CA"] = new("1", "1", 10, 10, "(506) 234-5678"),
    };

    /// <summary>
    /// "06 12 34 56 78" in FR → "+33612345678"; "+44 20 7946 0958" → "+442079460958". False, with a
    /// message for the person who typed it, when the text cannot be a phone number.
    /// </summary>
    public static bool TryNormalize(string? input, string? defaultCountry,
        [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        e164 = null;
        var text = (input ?? "").Trim().Replace("(0)", "", StringComparison.Ordinal); // "+33 (0)6…": the trunk 0 in brackets
        var plan = defaultCountry is null ? null : Plans.GetValueOrDefault(defaultCountry);
        var example = plan is null ? "+33 6 12 34 56 78" : plan.Example;
        if (text.Length == 0)
        {
            error = $"Enter a phone number, such as {example}.";
            return false;
        }

        var international = text.StartsWith('+');
        var digits = new StringBuilder(text.Length);
        foreach (var c in international ? text[1..] : text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!Separators.Contains(c, StringComparison.Ordinal))
            {
                error = $"A phone number has only digits, spaces and + ( ) - . such as {example}.";
                return false;
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true; // 00 is the international prefix of most countries
            number = number[2..];
        }

        e164 = international ? International(number) : National(number, plan);
        if (e164 is not null)
        {
            error = null;
            return true;
        }

        error = international ? "This number has too few or too many digits for its country code."
            : plan is null ? "Enter the number with its country code, such as +33 6 12 34 56 78."
            : $"This number has too few or too many digits; type it as {plan.Example} or with its country code.";
        return false;
    }

    private static string? National(string number, Plan? plan)
    {
        if (plan is null)
        {
            return null;
        }

        if (plan.Trunk is { } trunk && number.StartsWith(trunk, StringComparison.Ordinal) && Fits(number.Length - trunk.Length, plan))
        {
            return $"+{plan.CallingCode}{number[trunk.Length..]}";
        }

        if (Fits(number.Length, plan))
        {
            return $"+{plan.CallingCode}{number}";
        }

        // "79123456789" typed in Russia, or "33612345678" in France: the country code without its "+".
        return number.StartsWith(plan.CallingCode, StringComparison.Ordinal) ? International(number) : null;
    }

    private static string? International(string number)
    {
        if (number.Length is < 7 or > 15 || number[0] == '0')
        {
            return null;
        }

        var plan = Plans.Values.Where(p => number.StartsWith(p.CallingCode, StringComparison.Ordinal))
            .OrderByDescending(p => p.CallingCode.Length).FirstOrDefault();
        if (plan is null)
        {
            return number.Length >= 8 ? "+" + number : null; // a country we have no plan for: E.164's own limits
        }

        var national = number[plan.CallingCode.Length..];
        // "+33 06 12 34 56 78": the trunk 0 kept after the country code by mistake.
        if (plan.Trunk is { } trunk && national.StartsWith(trunk, StringComparison.Ordinal) && !Fits(national.Length, plan)
            && Fits(national.Length - trunk.Length, plan))
        {
            national = national[trunk.Length..];
        }

        return Fits(national.Length, plan) ? $"+{plan.CallingCode}{national}" : null;
    }

    private static bool Fits(int length, Plan plan) => length >= plan.MinDigits && length <= plan.MaxDigits;
}

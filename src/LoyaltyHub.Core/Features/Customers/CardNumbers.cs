using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Loyalty card numbers: digits ending with a Luhn check digit, so a mistyped or misread number
/// (one wrong digit, two swapped digits) is caught before any look-up. Generated numbers have 12
/// digits; pre-printed cards may have 8 to 19 (the range payment cards use), with the same check.
/// </summary>
public static class CardNumbers
{
    public const int GeneratedLength = 12;
    public const int MinLength = 8;
    public const int MaxLength = 19;

    /// <summary>A random 12-digit number that does not start with 0 (so no tool ever drops it), with its check digit.</summary>
    public static string Generate() => Generate(RandomNumberGenerator.GetInt32);

    /// <summary><paramref name="next"/>(min, maxExclusive) supplies the random digits; tests pass their own.</summary>
    internal static string Generate(Func<int, int, int> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var digits = new StringBuilder(GeneratedLength);
        digits.Append((char)('0' + next(1, 10)));
        while (digits.Length < GeneratedLength - 1)
        {
            digits.Append((char)('0' + next(0, 10)));
        }

        return digits.Append(CheckDigit(digits.ToString())).ToString();
    }

    /// <summary>The Luhn digit that completes <paramref name="payload"/>.</summary>
    public static char CheckDigit(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            // From the right, every other digit of the payload is doubled (it lands at an even place once the check digit is appended).
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>True when <paramref name="digits"/> are all digits and the last one is the Luhn digit of the others.</summary>
    public static bool HasValidCheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length >= 2 && digits.All(char.IsAsciiDigit) && CheckDigit(digits[..^1]) == digits[^1];
    }

    /// <summary>
    /// "1234 5678 9012" or "1234-5678-9012" → "123456789012" when it is a valid card number; otherwise
    /// false with a message for the person who typed or scanned it.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? number, [NotNullWhen(false)] out string? error)
    {
        number = Compact(input);
        if (number.Length == 0 || !number.All(char.IsAsciiDigit))
        {
            (number, error) = (null, "A card number has digits only.");
            return false;
        }

        if (number.Length is < MinLength or > MaxLength)
        {
            (number, error) = (null, $"A card number has {MinLength} to {MaxLength} digits.");
            return false;
        }

        if (!HasValidCheckDigit(number))
        {
            (number, error) = (null, "This card number is not valid: check each digit (the last one is a check digit).");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Digits as typed, without the spaces and dashes printed on cards.</summary>
    internal static string Compact(string? input) =>
        string.Concat((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));

    /// <summary>"123456789012" → "1234 5678 9012", as printed on cards.</summary>
    public static string Display(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return string.Join(' ', number.Chunk(4).Select(chunk => new string(chunk)));
    }
}

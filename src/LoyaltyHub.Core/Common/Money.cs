using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LoyaltyHub.Core.Common;

/// <summary>
/// Amounts as people type them ("12.50", "12,5", "12") and as the database keeps them: integer
/// minor units, 1/100 of the currency unit. Every currency LoyaltyHub offers has two decimals
/// (<see cref="Currencies"/>), so the factor is fixed; a currency with 0 or 3 decimals would need it
/// per currency.
/// </summary>
public static partial class Money
{
    public const int MinorPerUnit = 100;

    /// <summary>The largest amount a form accepts: 99,999,999.99.</summary>
    public const long MaxMinor = 99_999_999_99;

    public const string FormatMessage = "Enter an amount such as 12.50.";
    public const string NegativeMessage = "The amount cannot be negative.";
    public const string DecimalsMessage = "Use at most 2 decimals.";
    public const string TooLargeMessage = "The amount is at most 99999999.99.";

    /// <summary>
    /// Parses a non-negative amount in currency units into minor units. A comma is accepted as the
    /// decimal separator (French managers type "12,50"); thousands separators are not, as "1,250"
    /// would be ambiguous.
    /// </summary>
    public static bool TryParseMinor(string? text, out long minor, out string error)
    {
        minor = 0;
        var match = AmountPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            error = FormatMessage;
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        if (match.Groups["sign"].Success)
        {
            error = NegativeMessage;
            return false;
        }

        if (fraction.Length > 2)
        {
            error = DecimalsMessage;
            return false;
        }

        // At most 15 unit digits (the pattern), so this cannot overflow before the range check.
        var units = long.Parse(match.Groups["units"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var cents = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(2, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        minor = (units * MinorPerUnit) + cents;
        if (minor > MaxMinor)
        {
            minor = 0;
            error = TooLargeMessage;
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>Minor units back to the text a form shows: 1250 → "12.50".</summary>
    public static string ToText(long minor) =>
        (minor / (decimal)MinorPerUnit).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>For display: 1250, "EUR" → "12.50 EUR".</summary>
    public static string Format(long minor, string currency) => $"{ToText(minor)} {currency}";

    // Digits are ASCII only ([0-9], not \d, which matches other scripts' digits too).
    [GeneratedRegex(@"^(?<sign>-)?(?<units>[0-9]{1,15})(?:[.,](?<fraction>[0-9]*))?$")]
    private static partial Regex AmountPattern();
}

/// <summary>
/// Validates a typed amount with <see cref="Money.TryParseMinor"/>: the same message in the form
/// and in the service. An empty value is valid (add [Required] when the amount is mandatory).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MoneyTextAttribute : ValidationAttribute
{
    public const string PositiveMessage = "Enter an amount greater than 0.";

    /// <summary>Rejects 0 as well (e.g. the spend that earns points, which divides).</summary>
    public bool Positive { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not string text || string.IsNullOrWhiteSpace(text))
        {
            return ValidationResult.Success;
        }

        var error = !Money.TryParseMinor(text, out var minor, out var parseError) ? parseError
            : Positive && minor == 0 ? PositiveMessage
            : null;
        return error is null ? ValidationResult.Success
            : new ValidationResult(error, validationContext.MemberName is { } member ? [member] : null);
    }
}

using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Common;

/// <summary>
/// The ISO 4217 currencies a merchant may choose. All have two decimals, which is what
/// <see cref="Money"/> assumes; JPY (0) or KWD (3) would first need the factor per currency.
/// </summary>
public static class Currencies
{
    public static IReadOnlyList<string> Supported { get; } =
    [
        "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "RON",
        "RUB", "UAH", "TRY", "ILS", "MAD", "ZAR", "BRL", "MXN", "INR", "CNY", "HKD", "SGD",
    ];

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.Ordinal);
}

/// <summary>Accepts an empty value or a code of <see cref="Currencies.Supported"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CurrencyCodeAttribute : ValidationAttribute
{
    public CurrencyCodeAttribute() : base("Choose a currency from the list.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not string code || code.Length == 0 || Currencies.IsSupported(code);
}

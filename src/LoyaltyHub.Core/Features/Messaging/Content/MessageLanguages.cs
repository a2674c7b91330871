using System.Globalization;
using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// The languages messages are written in (SPEC §15) and how each formats what a template shows:
/// the customer's language picks both the template and the culture of its amounts and dates.
/// </summary>
public static class MessageLanguages
{
    public const string Default = "en";

    public static IReadOnlyList<string> All { get; } = ["en", "fr", "it", "ru"];

    /// <summary>A language we have no templates in falls back to English.</summary>
    public static string Normalize(string? language) =>
        language?.Trim().ToLowerInvariant() is { } code && All.Contains(code) ? code : Default;

    public static string Name(string language) => Normalize(language) switch
    {
        "fr" => "Français",
        "it" => "Italiano",
        "ru" => "Русский",
        _ => "English",
    };

    /// <summary>British English: the merchants are European, and "30/06/2026" reads right to them.</summary>
    public static CultureInfo Culture(string? language) => CultureInfo.GetCultureInfo(Normalize(language) switch
    {
        "fr" => "fr-FR",
        "it" => "it-IT",
        "ru" => "ru-RU",
        _ => "en-GB",
    });

    /// <summary>Seed 004's ":Уваж:": the greeting that agrees with the customer's gender; neutral when it is unknown.</summary>
    public static string Salutation(string? language, Gender gender) => (Normalize(language), gender) switch
    {
        ("en", Gender.Male) => "Dear Mr",
        ("en", Gender.Female) => "Dear Ms",
        ("en", _) => "Dear",
        ("fr", Gender.Male) => "Cher",
        ("fr", Gender.Female) => "Chère",
        ("fr", _) => "Bonjour",
        ("it", Gender.Male) => "Gentile Sig.",
        ("it", Gender.Female) => "Gentile Sig.ra",
        ("it", _) => "Gentile",
        (_, Gender.Male) => "Уважаемый",
        (_, Gender.Female) => "Уважаемая",
        _ => "Уважаемый(ая)",
    };

    /// <summary>
    /// 1250 EUR → "12,50 €" in fr, "€12.50" in en; a currency without a common sign is written
    /// after the number with its code ("12,50 CHF"), where a culture's pattern would glue it on.
    /// </summary>
    public static string Money(long minor, string currency, string? language)
    {
        var culture = Culture(language);
        var amount = minor / (decimal)Common.Money.MinorPerUnit;
        var sign = currency switch
        {
            "EUR" => "€",
            "GBP" => "£",
            "USD" => "$",
            "RUB" => "₽",
            _ => null,
        };
        if (sign is null)
        {
            return Plain($"{amount.ToString("N2", culture)} {currency}");
        }

        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = sign;
        return Plain(amount.ToString("C2", format));
    }

    public static string Number(long value, string? language) => Plain(value.ToString("N0", Culture(language)));

    public static string Date(DateOnly date, string? language) => Plain(date.ToString("d", Culture(language)));

    /// <summary>
    /// Cultures group digits and separate the currency sign with no-break spaces (U+00A0, U+202F),
    /// which are not in the GSM-7 alphabet: one of them would make a French SMS cost UCS-2 parts.
    /// </summary>
    private static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}

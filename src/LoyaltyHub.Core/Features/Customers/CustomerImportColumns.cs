using System.Globalization;
using System.Text;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>The fields a CSV import can fill, in the order the mapping screen shows them.</summary>
public enum ImportField
{
    Ignore = 0,
    CardNumber,
    FirstName,
    LastName,
    MiddleName,
    Email,
    Phone,
    BirthDate,
    PostalCode,
    Language,
    Pro,
    Tags,
    SmsConsent,
    EmailConsent,
}

/// <summary>
/// Guesses which field a CSV column holds from its header: our own export's names, common
/// English and French spellings and the seeds' aliases (#firstname#, prenom). Headers are
/// compared without case, accents, spaces, "_", "-" or "#".
/// </summary>
public static class CustomerImportColumns
{
    private static readonly Dictionary<string, ImportField> Aliases = Build(new()
    {
        [ImportField.CardNumber] = ["card number", "card", "card no", "cardnumber", "numero carte", "carte", "loyalty card", "card_number"],
        [ImportField.FirstName] = ["first name", "firstname", "first_name", "given name", "prenom", "prénom"],
        [ImportField.LastName] = ["last name", "lastname", "last_name", "surname", "family name", "nom", "nom de famille"],
        [ImportField.MiddleName] = ["middle name", "middlename", "middle_name", "patronymic", "отчество"],
        [ImportField.Email] = ["email", "e-mail", "mail", "courriel", "email address"],
        [ImportField.Phone] = ["phone", "mobile", "mobile phone", "telephone", "téléphone", "tel", "portable", "gsm"],
        [ImportField.BirthDate] = ["birth date", "birthdate", "birthday", "date of birth", "dob", "date de naissance", "naissance"],
        [ImportField.PostalCode] = ["postal code", "postcode", "zip", "zip code", "code postal", "cp"],
        [ImportField.Language] = ["language", "lang", "langue"],
        [ImportField.Pro] = ["pro", "is pro", "professional", "professionnel"],
        [ImportField.Tags] = ["tags", "tag", "groups", "group", "groupe", "groupes"],
        [ImportField.SmsConsent] = ["sms consent", "sms", "sms opt in", "optin sms", "consentement sms"],
        [ImportField.EmailConsent] = ["email consent", "email opt in", "optin email", "newsletter", "consentement email"],
    });

    public static ImportField Guess(string? header) =>
        Aliases.TryGetValue(Key(header), out var field) ? field : ImportField.Ignore;

    /// <summary>One guess per column; a field is given to its first column only, so two columns never fill the same field.</summary>
    public static IReadOnlyList<ImportField> GuessAll(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var taken = new HashSet<ImportField>();
        return headers.Select(h => Guess(h) is var f && f != ImportField.Ignore && taken.Add(f) ? f : ImportField.Ignore).ToList();
    }

    /// <summary>Only an explicit yes grants a consent: anything else (blank, "no", "maybe") is no consent.</summary>
    public static bool IsYes(string? value) =>
        (value ?? "").Trim().ToLowerInvariant() is "yes" or "true" or "1";

    private static Dictionary<string, ImportField> Build(Dictionary<ImportField, string[]> names)
    {
        var map = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var (field, list) in names)
        {
            foreach (var name in list)
            {
                map.TryAdd(Key(name), field);
            }
        }

        return map;
    }

    private static string Key(string? header)
    {
        var decomposed = (header ?? "").Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}

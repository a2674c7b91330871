using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// A customer's profile as staff or a manager types it. DataAnnotations catch what needs no
/// context; the service adds what does (phone in the merchant's country, birth date against
/// today, tags, uniqueness) and reports everything at once.
/// </summary>
public class CustomerInput
{
    internal const int NameMax = 100, EmailMax = 254, PostalCodeMax = 16, PhoneInputMax = 32;

    private string? email;

    [Required(ErrorMessage = "Enter the first name.")]
    [StringLength(NameMax, ErrorMessage = "The first name is at most 100 characters.")]
    public string FirstName { get; set; } = "";

    [Required(ErrorMessage = "Enter the last name.")]
    [StringLength(NameMax, ErrorMessage = "The last name is at most 100 characters.")]
    public string LastName { get; set; } = "";

    [StringLength(NameMax, ErrorMessage = "The middle name is at most 100 characters.")]
    public string? MiddleName { get; set; }

    [EnumDataType(typeof(Gender), ErrorMessage = "Choose a gender.")]
    public Gender Gender { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>Optional: an emptied field becomes null, which [EmailAddress] accepts (it rejects "").</summary>
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(EmailMax, ErrorMessage = "The email is at most 254 characters.")]
    public string? Email
    {
        get => email;
        set => email = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>As typed; the service normalises it to E.164 with the merchant's country.</summary>
    [StringLength(PhoneInputMax, ErrorMessage = "The phone number is at most 32 characters.")]
    public string? Phone { get; set; }

    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9 \-]{1,15}$", ErrorMessage = "Enter a postal code such as 75004.")]
    public string? PostalCode { get; set; }

    [Required(ErrorMessage = "Choose a language.")]
    [AllowedValues("en", "fr", "it", "ru", ErrorMessage = "Choose English, French, Italian or Russian.")]
    public string Language { get; set; } = "en";

    public bool IsPro { get; set; }

    /// <summary>Comma-separated, e.g. "vip, coffee club" (see <see cref="CustomerTags"/>).</summary>
    [StringLength(CustomerTags.ListMax, ErrorMessage = "The tags are at most 500 characters in all.")]
    public string? Tags { get; set; }

    public static CustomerInput From(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new()
        {
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            MiddleName = customer.MiddleName,
            Gender = customer.Gender,
            BirthDate = customer.BirthDate,
            Email = customer.Email,
            Phone = customer.Phone,
            PostalCode = customer.PostalCode,
            Language = customer.Language,
            IsPro = customer.IsPro,
            Tags = CustomerTags.Format(customer.Tags.Select(t => t.Tag)),
        };
    }
}

/// <summary>Registration at the counter: the profile, the card and the consent boxes ticked with the customer.</summary>
public sealed class CustomerRegistration : CustomerInput
{
    /// <summary>Empty: a number is generated. Otherwise the number of the pre-printed card handed out.</summary>
    [StringLength(40, ErrorMessage = "A card number has 8 to 19 digits.")]
    public string? CardNumber { get; set; }

    public bool SmsConsent { get; set; }

    public bool EmailConsent { get; set; }

    /// <summary>
    /// A registration started from a search that found nobody, with what was searched already in
    /// its field: a valid card number (a new pre-printed card), an email, a phone, or a last name.
    /// </summary>
    public static CustomerRegistration ForQuery(string? query)
    {
        var typed = (query ?? "").Trim();
        if (typed.Length == 0)
        {
            return new();
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            return new() { Email = typed };
        }

        // A leading + or 0 is how phones are written; card numbers are generated without a leading 0.
        if (typed[0] is not ('+' or '0') && CardNumbers.TryNormalize(typed, out var card, out _))
        {
            return new() { CardNumber = card };
        }

        return typed.Any(char.IsLetter) ? new() { LastName = typed } : new() { Phone = typed };
    }
}

/// <summary>Tags typed as one comma-separated list, stored one row each, lower case.</summary>
public static class CustomerTags
{
    public const int TagMax = 40, MaxCount = 20, ListMax = 500;

    public static bool TryParse(string? text, out IReadOnlyList<string> tags, out string? error)
    {
        var list = (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => string.Join(' ', t.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        tags = list;
        error = list.Any(t => t.Length > TagMax) ? $"A tag is at most {TagMax} characters."
            : list.Count > MaxCount ? $"A customer has at most {MaxCount} tags."
            : null;
        return error is null;
    }

    public static string Format(IEnumerable<string> tags) => string.Join(", ", tags.Order(StringComparer.Ordinal));
}

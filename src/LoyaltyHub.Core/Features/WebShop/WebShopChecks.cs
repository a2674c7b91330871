using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.Core.Common.TextValues;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>The merchant facts the API's defaults and checks need.</summary>
internal sealed record WebShopMerchant(string Country, string Currency, string Language)
{
    public static Task<WebShopMerchant> LoadAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Tenants.Where(t => t.Id == db.CurrentTenantId)
            .Select(t => new WebShopMerchant(t.Country, t.Currency, t.Language))
            .SingleAsync(cancellationToken);
}

/// <summary>A contact with its email lower-cased, its phone in E.164 and a language always set.</summary>
internal sealed record Contact(string? Email, string? Phone, string? FirstName, string? LastName, string Language);

/// <summary>
/// Checks shared by the web-shop commands. Messages are keyed by the input's property path
/// ("Customer.Phone", "Lines[2].Quantity"); the API turns the keys into its JSON names.
/// </summary>
internal static class WebShopChecks
{
    public static Dictionary<string, string[]> Validate(object input) =>
        Result.Validate(input)?.Errors.ToDictionary(e => e.Key, e => e.Value) ?? [];

    public static Contact Contact(ContactInput? input, WebShopMerchant merchant, Dictionary<string, string[]> errors)
    {
        if (input is null)
        {
            return new(null, null, null, null, merchant.Language);
        }

        Merge(errors, "Customer", Result.Validate(input));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (PhoneNumbers.TryNormalize(input.Phone, merchant.Country, out var e164, out var error))
            {
                phone = e164;
            }
            else
            {
                errors["Customer.Phone"] = [error];
            }
        }

        return new(TrimOrNull(input.Email)?.ToLowerInvariant(), phone, TrimOrNull(input.FirstName), TrimOrNull(input.LastName), input.Language ?? merchant.Language);
    }

    public static IReadOnlyList<LineInput> Lines(List<LineInput>? lines, Dictionary<string, string[]> errors)
    {
        if (lines is null)
        {
            return [];
        }

        if (lines.Count > WebShopLimits.Lines)
        {
            errors["Lines"] = [$"At most {WebShopLimits.Lines} lines."];
            return [];
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is null)
            {
                errors[$"Lines[{i}]"] = ["A line cannot be null."];
                continue;
            }

            Merge(errors, $"Lines[{i}]", Result.Validate(lines[i]));
        }

        return lines;
    }

    public static string Currency(string? currency, WebShopMerchant merchant, Dictionary<string, string[]> errors)
    {
        var code = TrimOrNull(currency)?.ToUpperInvariant() ?? merchant.Currency;
        if (!Currencies.IsSupported(code))
        {
            errors["Currency"] = [$"Unknown currency \"{currency}\"; use an ISO 4217 code such as EUR."];
        }

        return code;
    }

    /// <summary>The link a reminder sends the customer to: absolute https only, so a message never carries another scheme.</summary>
    public static string? RecoveryUrl(string? url, Dictionary<string, string[]> errors)
    {
        var text = TrimOrNull(url);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors["RecoveryUrl"] = ["The recovery URL must be an absolute https:// address."];
        }

        return text;
    }

    /// <summary>The active customer with the contact's email, else with its phone.</summary>
    public static async Task<int?> CustomerIdAsync(AppDbContext db, Contact contact, CancellationToken cancellationToken)
    {
        var active = db.Customers.Where(c => c.Status == CustomerStatus.Active);
        if (contact.Email is { } email && await active.Where(c => c.Email == email).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } byEmail)
        {
            return byEmail;
        }

        return contact.Phone is { } phone
            ? await active.Where(c => c.Phone == phone).OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
    }


    private static void Merge(Dictionary<string, string[]> errors, string prefix, Result? result)
    {
        foreach (var (field, messages) in result?.Errors ?? new Dictionary<string, string[]>())
        {
            errors[field.Length == 0 ? prefix : $"{prefix}.{field}"] = messages;
        }
    }
}

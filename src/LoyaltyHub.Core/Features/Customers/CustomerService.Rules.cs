using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.Core.Common.TextValues;

namespace LoyaltyHub.Core.Features.Customers;

public sealed partial class CustomerService
{
    /// <summary>The current merchant's name (for consent sentences), country and time zone, as the pages show them.</summary>
    public async Task<CustomerMerchant> MerchantAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MerchantAsync(db, cancellationToken);
    }

    private static async Task<CustomerMerchant> MerchantAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => new CustomerMerchant(t.Name, t.Country, t.Language, t.TimeZone))
            .SingleAsync(cancellationToken);

    private static Task<string> CountryAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Country).SingleAsync(cancellationToken);

    private static async Task<TimeZoneInfo> TimeZoneAsync(AppDbContext db, CancellationToken cancellationToken) =>
        TimeZones.Find(await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken));

    /// <summary>
    /// The input's DataAnnotations plus the rules that need the merchant: the phone read in the
    /// merchant's country, a birth date between 1900 and today there, the tags. Adds every message
    /// to <paramref name="errors"/>; returns the normalised profile when the input is valid.
    /// </summary>
    private Profile? Check(CustomerInput input, CustomerMerchant merchant, ErrorList errors)
    {
        errors.Add(Result.Validate(input));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone) && !errors.Has(nameof(CustomerInput.Phone)))
        {
            if (PhoneNumbers.TryNormalize(input.Phone, merchant.Country, out var e164, out var phoneError))
            {
                phone = e164;
            }
            else
            {
                errors.Add(nameof(CustomerInput.Phone), phoneError);
            }
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), merchant.Zone).DateTime);
        if (input.BirthDate is { } birth && (birth > today || birth.Year < 1900))
        {
            errors.Add(nameof(CustomerInput.BirthDate), "Enter a birth date between 1900 and today.");
        }

        if (!CustomerTags.TryParse(input.Tags, out var tags, out var tagError))
        {
            errors.Add(nameof(CustomerInput.Tags), tagError!);
        }

        return errors.Failed ? null : new Profile(
            input.FirstName.Trim(), input.LastName.Trim(), TrimOrNull(input.MiddleName),
            input.Email?.Trim().ToLowerInvariant(), phone, TrimOrNull(input.PostalCode)?.ToUpperInvariant(), tags);
    }


    /// <summary>A valid input, normalised: what is stored.</summary>
    private sealed record Profile(string FirstName, string LastName, string? MiddleName, string? Email, string? Phone,
        string? PostalCode, IReadOnlyList<string> Tags)
    {
        public void ApplyTo(Customer customer, CustomerInput input)
        {
            customer.FirstName = FirstName;
            customer.LastName = LastName;
            customer.MiddleName = MiddleName;
            customer.Gender = input.Gender;
            customer.BirthDate = input.BirthDate;
            customer.Email = Email;
            customer.Phone = Phone;
            customer.PostalCode = PostalCode;
            customer.Language = input.Language;
            customer.IsPro = input.IsPro;
            customer.SearchName = SearchKeys.Name(LastName, FirstName);
            customer.Tags.RemoveAll(t => !Tags.Contains(t.Tag));
            customer.Tags.AddRange(Tags.Where(tag => customer.Tags.TrueForAll(t => t.Tag != tag)).Select(tag => new CustomerTag { Tag = tag }));
        }
    }

    /// <summary>Messages by field, gathered from several checks so the form shows them all at once.</summary>
    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> errors = [];

        public bool Failed => errors.Count > 0;

        public bool Has(string field) => errors.ContainsKey(field);

        public void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var messages))
            {
                errors[field] = messages = [];
            }

            messages.Add(message);
        }

        public void Add(Result? result)
        {
            foreach (var (field, messages) in result?.Errors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    Add(field, message);
                }
            }
        }

        public Result ToResult() => Failed ? Result.Fail(errors.ToDictionary(e => e.Key, e => e.Value.ToArray())) : Result.Ok();
    }
}

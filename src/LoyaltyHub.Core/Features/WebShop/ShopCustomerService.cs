using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// The web shop's customer upsert: an active customer with the same email (else phone) is updated
/// with the fields sent, anyone else is registered — through <see cref="CustomerService"/>, so the
/// rules, the card number, the consent log and the activation email are those of the counter.
/// </summary>
public sealed class ShopCustomerService(IDbContextFactory<AppDbContext> dbFactory, CustomerService customers)
{
    public async Task<Result<ShopCustomerView>> UpsertAsync(ShopCustomerInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = WebShopChecks.Validate(input);
        var gender = WebShopCodes.Parse(input.Gender, Gender.Unspecified, nameof(input.Gender), errors);
        if (TextValues.TrimOrNull(input.Email) is null && TextValues.TrimOrNull(input.Phone) is null)
        {
            errors[""] = ["Give the customer's email or phone: the customer is matched on them."];
        }

        if (errors.Count > 0)
        {
            return Result<ShopCustomerView>.From(Result.Fail(errors));
        }

        var existing = await FindAsync(input, cancellationToken);
        var profile = existing is null ? new CustomerRegistration() : CustomerInput.From(existing);
        Overlay(profile, input, input.Gender is null ? null : gender);
        var result = existing is null
            ? await RegisterAsync((CustomerRegistration)profile, input, cancellationToken)
            : await UpdateAsync(existing.Id, profile, input, cancellationToken);
        if (!result.Succeeded)
        {
            return Result<ShopCustomerView>.From(Renamed(result));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.Customers.AsNoTracking().Include(c => c.Tags).SingleAsync(c => c.Id == result.Value, cancellationToken);
        return Result<ShopCustomerView>.Ok(new ShopCustomerView(
            saved.Id, saved.CardNumber, saved.FirstName, saved.LastName, saved.Email, saved.Phone, saved.Language,
            saved.SmsConsent.Granted, saved.EmailConsent.Granted, [.. saved.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal)],
            Created: existing is null));
    }

    private async Task<Customer?> FindAsync(ShopCustomerInput input, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await WebShopMerchant.LoadAsync(db, cancellationToken);
        var contact = new Contact(TextValues.TrimOrNull(input.Email)?.ToLowerInvariant(),
            PhoneNumbers.TryNormalize(input.Phone, merchant.Country, out var phone, out _) ? phone : null, null, null, merchant.Language);
        return await WebShopChecks.CustomerIdAsync(db, contact, cancellationToken) is { } id
            ? await db.Customers.AsNoTracking().Include(c => c.Tags).SingleAsync(c => c.Id == id, cancellationToken)
            : null;
    }

    private async Task<Result<int>> RegisterAsync(CustomerRegistration profile, ShopCustomerInput input, CancellationToken cancellationToken)
    {
        profile.SmsConsent = input.SmsConsent ?? false;
        profile.EmailConsent = input.EmailConsent ?? false;
        var registered = await customers.RegisterAsync(profile, CustomerActor.WebShop, cancellationToken);
        return registered.Succeeded ? Result<int>.Ok(registered.Value!.Id) : Result<int>.From(registered);
    }

    /// <summary>The profile first (it validates everything), then each consent sent; consent needs its contact, checked before anything is written.</summary>
    private async Task<Result<int>> UpdateAsync(int id, CustomerInput profile, ShopCustomerInput input, CancellationToken cancellationToken)
    {
        if (input.SmsConsent == true && string.IsNullOrWhiteSpace(profile.Phone))
        {
            return Result<int>.Fail(nameof(input.SmsConsent), "SMS offers need a mobile phone number.");
        }

        if (input.EmailConsent == true && profile.Email is null)
        {
            return Result<int>.Fail(nameof(input.EmailConsent), "Email offers need an email address.");
        }

        var updated = await customers.UpdateAsync(id, profile, CustomerActor.WebShop, cancellationToken);
        if (!updated.Succeeded)
        {
            return Result<int>.From(updated);
        }

        foreach (var (channel, granted) in new[] { (ConsentChannel.Sms, input.SmsConsent), (ConsentChannel.Email, input.EmailConsent) })
        {
            if (granted is { } value)
            {
                var changed = await customers.ChangeConsentAsync(id, channel, value, ConsentSources.WebShop, CustomerActor.WebShop, cancellationToken);
                if (!changed.Succeeded)
                {
                    return Result<int>.From(changed);
                }
            }
        }

        return Result<int>.Ok(id);
    }

    private static void Overlay(CustomerInput profile, ShopCustomerInput input, Gender? gender)
    {
        profile.Email = input.Email ?? profile.Email;
        profile.Phone = input.Phone ?? profile.Phone;
        profile.FirstName = input.FirstName ?? profile.FirstName;
        profile.LastName = input.LastName ?? profile.LastName;
        profile.MiddleName = input.MiddleName ?? profile.MiddleName;
        profile.Gender = gender ?? profile.Gender;
        profile.BirthDate = input.BirthDate ?? profile.BirthDate;
        profile.Language = input.Language ?? profile.Language;
        profile.PostalCode = input.PostalCode ?? profile.PostalCode;
        profile.IsPro = input.IsPro ?? profile.IsPro;
        profile.Tags = input.Groups is null ? profile.Tags : string.Join(", ", input.Groups);
    }

    /// <summary>The API calls tags "groups".</summary>
    private static Result Renamed(Result failure) => failure.Errors.ContainsKey(nameof(CustomerInput.Tags))
        ? Result.Fail(failure.Errors.ToDictionary(e => e.Key == nameof(CustomerInput.Tags) ? nameof(ShopCustomerInput.Groups) : e.Key, e => e.Value))
        : failure;
}

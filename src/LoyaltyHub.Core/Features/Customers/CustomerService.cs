using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Customers of the current tenant: registration at the counter, look-ups, the manager's list,
/// edits and consent. Reads use short-lived contexts; a write that also touches the customer's
/// login runs in its own tenant scope so both commit together, and the activation email is sent
/// only after the commit. Every method re-checks on the server what the UI already checked.
/// </summary>
public sealed partial class CustomerService(
    IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, TenantScopeFactory scopes, TimeProvider clock)
{
    private const string DuplicateEmail = "Another customer already has this email address.";
    private const string DuplicateCard = "This card number already belongs to a customer.";
    private const string ClosedAccount = "This customer's account is closed.";

    /// <summary>
    /// Registers a customer at the counter: shop of registration = the staff's shop, card number
    /// generated unless typed, consent recorded with a log row per channel asked, and a login
    /// invited by email when an address is given.
    /// </summary>
    public async Task<Result<Customer>> RegisterAsync(CustomerRegistration input, CustomerActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var merchant = await MerchantAsync(db, cancellationToken);
        var errors = new ErrorList();
        var profile = Check(input, merchant, errors);
        string? typedCard = null;
        if (!string.IsNullOrWhiteSpace(input.CardNumber))
        {
            if (CardNumbers.TryNormalize(input.CardNumber, out var card, out var cardError))
            {
                typedCard = card;
            }
            else
            {
                errors.Add(nameof(CustomerRegistration.CardNumber), cardError);
            }
        }

        if (input.SmsConsent && profile?.Phone is null && !errors.Has(nameof(CustomerInput.Phone)))
        {
            errors.Add(nameof(CustomerRegistration.SmsConsent), "SMS offers need a mobile phone number.");
        }

        if (input.EmailConsent && profile?.Email is null && !errors.Has(nameof(CustomerInput.Email)))
        {
            errors.Add(nameof(CustomerRegistration.EmailConsent), "Email offers need an email address.");
        }

        if (actor.ShopId is { } shopId && !await db.Shops.AnyAsync(s => s.Id == shopId, cancellationToken))
        {
            return Result<Customer>.Fail("", "The shop was not found.");
        }

        errors.Add(await DuplicatesAsync(db, null, typedCard, profile?.Email, cancellationToken));
        if (errors.Failed || profile is null)
        {
            return Result<Customer>.From(errors.ToResult());
        }

        var now = clock.GetUtcNow();
        var customer = new Customer
        {
            CardNumber = typedCard ?? await NewCardNumberAsync(db, cancellationToken),
            FirstName = "",
            LastName = "",
            RegisteredShopId = actor.ShopId,
            CreatedAt = now,
            Status = CustomerStatus.Active,
        };
        profile.ApplyTo(customer, input);
        var log = new List<(ConsentChannel Channel, bool Granted)>();
        foreach (var (channel, granted, contact) in new[] { (ConsentChannel.Sms, input.SmsConsent, customer.Phone), (ConsentChannel.Email, input.EmailConsent, customer.Email) })
        {
            // Only a channel the customer gave a contact for was asked about; its answer is recorded either way.
            if (contact is not null)
            {
                Record(customer.Consent(channel), granted, now, actor.ConsentSource, ConsentTexts.For(channel, merchant.Name));
                log.Add((channel, granted));
            }
        }

        var invitations = scope.ServiceProvider.GetRequiredService<LoginInvitations>();
        AppUser? login = null;
        string? activation = null;
        var activationQueued = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Customers.Add(customer);
            if (await SaveOrDuplicateAsync(db, transaction, customer, cancellationToken) is { } duplicate)
            {
                return Result<Customer>.From(duplicate);
            }

            db.ConsentLog.AddRange(log.Select(l => LogEntry(customer, l.Channel, l.Granted, actor.ConsentSource, actor, now)));
            if (customer.Email is not null)
            {
                login = NewLogin(customer, now);
                var created = await invitations.CreateAsync(login, Roles.Customer);
                if (!created.Succeeded)
                {
                    return Result<Customer>.Fail(nameof(CustomerInput.Email), created.Errors.Values.SelectMany(e => e).First());
                }

                activation = await invitations.ActivationLinkAsync(login);
            }

            if (scope.ServiceProvider.GetService<ICustomerEvents>() is { } events)
            {
                activationQueued = await events.CustomerRegisteredAsync(db, customer, activation, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (login is not null && !activationQueued)
        {
            await invitations.SendActivationAsync(login, CardName(merchant.Name), activation!);
        }

        return Result<Customer>.Ok(customer);
    }

    /// <summary>
    /// The manager's edit. A changed email moves the customer's login to the new address and
    /// sends an activation link there (it proves the new mailbox); a first email creates the login.
    /// Removing a phone or an email withdraws that channel's consent, with its log row.
    /// </summary>
    public async Task<Result> UpdateAsync(int id, CustomerInput input, CustomerActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Result.NotFound("The customer");
        }

        if (customer.Status == CustomerStatus.Closed)
        {
            return Result.Fail("", ClosedAccount);
        }

        var merchant = await MerchantAsync(db, cancellationToken);
        var errors = new ErrorList();
        var profile = Check(input, merchant, errors);
        var login = await db.Users.FirstOrDefaultAsync(u => u.CustomerId == id, cancellationToken);
        if (profile is not null && profile.Email != customer.Email)
        {
            if (profile.Email is null && login is not null)
            {
                errors.Add(nameof(CustomerInput.Email), "This customer signs in with their email address, so it cannot be removed.");
            }
            else
            {
                errors.Add(await DuplicatesAsync(db, id, null, profile.Email, cancellationToken));
            }
        }

        if (errors.Failed || profile is null)
        {
            return errors.ToResult();
        }

        var emailChanged = profile.Email != customer.Email;
        profile.ApplyTo(customer, input);
        var now = clock.GetUtcNow();
        foreach (var channel in new[] { ConsentChannel.Sms, ConsentChannel.Email })
        {
            // A consent given for a number or address that is gone must not carry over to the next one.
            if (customer.Consent(channel).Granted && (channel == ConsentChannel.Sms ? customer.Phone : customer.Email) is null)
            {
                Record(customer.Consent(channel), false, now, ConsentSources.BackOffice, ConsentTexts.Withdrawn(channel, merchant.Name));
                db.ConsentLog.Add(LogEntry(customer, channel, false, ConsentSources.BackOffice, actor, now));
            }
        }

        var invitations = scope.ServiceProvider.GetRequiredService<LoginInvitations>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var invite = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await SaveOrDuplicateAsync(db, transaction, customer, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            if (login is not null)
            {
                login.DisplayName = customer.FullName;
                login.Language = customer.Language;
                var updated = emailChanged
                    ? await MoveLoginAsync(users, login, customer)
                    : await users.UpdateAsync(login);
                if (!updated.Succeeded)
                {
                    return LoginInvitations.ToResult(updated, nameof(CustomerInput.Email));
                }

                invite = emailChanged;
            }
            else if (customer.Email is not null)
            {
                login = NewLogin(customer, now);
                var created = await invitations.CreateAsync(login, Roles.Customer);
                if (!created.Succeeded)
                {
                    return Result.Fail(nameof(CustomerInput.Email), created.Errors.Values.SelectMany(e => e).First());
                }

                invite = true;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (invite && login is not null)
        {
            await invitations.SendActivationAsync(login, CardName(merchant.Name));
        }

        return Result.Ok();
    }

    /// <summary>
    /// Grants or withdraws one channel's consent and appends the log row, in one save. Asking for
    /// the state the customer is already in writes nothing, so a double click logs one change.
    /// </summary>
    public async Task<Result> ChangeConsentAsync(int id, ConsentChannel channel, bool granted, string source, CustomerActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Result.NotFound("The customer");
        }

        if (customer.Status == CustomerStatus.Closed)
        {
            return Result.Fail("", ClosedAccount);
        }

        if (granted && (channel == ConsentChannel.Sms ? customer.Phone : customer.Email) is null)
        {
            return Result.Fail("", channel == ConsentChannel.Sms
                ? "Add a mobile phone number before recording SMS consent."
                : "Add an email address before recording email consent.");
        }

        var consent = customer.Consent(channel);
        if (consent.Granted == granted && consent.ChangedAt is not null)
        {
            return Result.Ok();
        }

        var merchant = await MerchantAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        Record(consent, granted, now, source, granted ? ConsentTexts.For(channel, merchant.Name) : ConsentTexts.Withdrawn(channel, merchant.Name));
        db.ConsentLog.Add(LogEntry(customer, channel, granted, source, actor, now));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static async Task<IdentityResult> MoveLoginAsync(UserManager<AppUser> users, AppUser login, Customer customer)
    {
        var renamed = await users.SetUserNameAsync(login, LoginNames.ForCustomer(customer.TenantId, customer.Email!));
        // SetEmailAsync also marks the address unconfirmed: the activation link sent next confirms it.
        return renamed.Succeeded ? await users.SetEmailAsync(login, customer.Email) : renamed;
    }

    private static AppUser NewLogin(Customer customer, DateTimeOffset now) => new()
    {
        UserName = LoginNames.ForCustomer(customer.TenantId, customer.Email!),
        Email = customer.Email,
        TenantId = customer.TenantId,
        CustomerId = customer.Id,
        DisplayName = customer.FullName,
        Language = customer.Language,
        CreatedAt = now,
        LockoutEnabled = true,
    };

    private static void Record(ChannelConsent consent, bool granted, DateTimeOffset at, string source, string text)
    {
        consent.Granted = granted;
        consent.ChangedAt = at;
        consent.Source = source;
        consent.Text = text;
    }

    private static ConsentLogEntry LogEntry(Customer customer, ConsentChannel channel, bool granted, string source, CustomerActor actor, DateTimeOffset at) => new()
    {
        CustomerId = customer.Id,
        Channel = channel,
        Granted = granted,
        At = at,
        Source = source,
        ByUserId = actor.UserId,
        ByName = actor.Name,
        Text = customer.Consent(channel).Text ?? "",
    };

    /// <summary>
    /// A fresh random number not used in this tenant. With 9×10^10 numbers a clash is rare; the
    /// unique index stays the last word. Customers are never deleted, so no number is ever reused.
    /// </summary>
    private static async Task<string> NewCardNumberAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = CardNumbers.Generate();
            if (!await db.Customers.AnyAsync(c => c.CardNumber == number, cancellationToken) || attempt == 9)
            {
                return number;
            }
        }
    }

    /// <summary>The field messages for a card number or email another customer already has; null when neither is taken.</summary>
    private static async Task<Result?> DuplicatesAsync(AppDbContext db, int? exceptId, string? card, string? email, CancellationToken cancellationToken)
    {
        var others = exceptId is { } id ? db.Customers.Where(c => c.Id != id) : db.Customers;
        var errors = new ErrorList();
        if (card is not null && await others.AnyAsync(c => c.CardNumber == card, cancellationToken))
        {
            errors.Add(nameof(CustomerRegistration.CardNumber), DuplicateCard);
        }

        if (email is not null && await others.AnyAsync(c => c.Email == email, cancellationToken))
        {
            errors.Add(nameof(CustomerInput.Email), DuplicateEmail);
        }

        return errors.Failed ? errors.ToResult() : null;
    }

    /// <summary>
    /// Saves <paramref name="customer"/> inside <paramref name="transaction"/>. When a concurrent
    /// registration or edit took the same card number or email after the check above found it
    /// free, the unique index refuses this save: everything is rolled back and the loser gets the
    /// check's own message instead of an exception.
    /// </summary>
    private static async Task<Result?> SaveOrDuplicateAsync(AppDbContext db, IDbContextTransaction transaction, Customer customer,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var duplicate = await DuplicatesAsync(db, customer.Id == 0 ? null : customer.Id, customer.CardNumber, customer.Email, cancellationToken);
            if (duplicate is null)
            {
                throw;
            }

            return duplicate;
        }
    }

    private static string CardName(string merchant) => $"loyalty card at {merchant}";

    private Guid RequireTenant() =>
        tenant.TenantId ?? throw new TenantIsolationException("Customers are managed from inside a tenant.");
}

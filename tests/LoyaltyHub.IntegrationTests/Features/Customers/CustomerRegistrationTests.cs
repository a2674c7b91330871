using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>Registration at the counter: the customer, the card, the consent log, the login and its email.</summary>
public sealed class CustomerRegistrationTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registering_creates_the_customer_consent_log_login_and_activation_mail(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        input.LastName = "D'Artagnan-Ruiz";
        input.FirstName = " Hélène ";
        input.Email = "  Helene." + Guid.NewGuid().ToString("N")[..8] + "@Example.COM ";
        input.Tags = "VIP, coffee club";
        input.SmsConsent = true;

        var registered = await RegisterAsync(app, merchant.TenantId, shop, input);

        var stored = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().Include(c => c.Tags).SingleAsync(c => c.Id == registered.Id));
        Assert.Equal(merchant.TenantId, stored.TenantId);
        Assert.Equal(("Hélène", "D'Artagnan-Ruiz", "dartagnan ruiz helene"), (stored.FirstName, stored.LastName, stored.SearchName));
        Assert.Equal(input.Email.Trim().ToLowerInvariant(), stored.Email);
        Assert.Equal(E164(input.Phone!), stored.Phone);
        Assert.Equal(shop.Id, stored.RegisteredShopId);
        Assert.Equal(CustomerStatus.Active, stored.Status);
        Assert.Equal(["coffee club", "vip"], stored.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal));
        Assert.Equal(CardNumbers.GeneratedLength, stored.CardNumber.Length);
        Assert.True(CardNumbers.HasValidCheckDigit(stored.CardNumber));
        Assert.True(stored.SmsConsent.Granted);
        Assert.Equal(ConsentSources.Counter, stored.SmsConsent.Source);
        Assert.Equal(ConsentTexts.For(ConsentChannel.Sms, merchant.Company), stored.SmsConsent.Text);
        Assert.NotNull(stored.SmsConsent.ChangedAt);
        Assert.False(stored.EmailConsent.Granted);

        // One log row per channel asked (both contacts were given), by the shop's staff.
        var log = await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().AsNoTracking().Where(e => e.CustomerId == stored.Id).OrderBy(e => e.Channel).ToListAsync());
        Assert.Equal([(ConsentChannel.Sms, true), (ConsentChannel.Email, false)], log.Select(e => (e.Channel, e.Granted)));
        Assert.All(log, e => Assert.Equal((merchant.TenantId, ConsentSources.Counter, StaffOf(shop).UserId, shop.Name), (e.TenantId, e.Source, e.ByUserId, e.ByName)));
        Assert.Equal(ConsentTexts.For(ConsentChannel.Email, merchant.Company), log[1].Text);

        // A customer login without password, linked to the customer, named per tenant.
        var login = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.CustomerId == stored.Id));
        Assert.Equal((LoginNames.ForCustomer(merchant.TenantId, stored.Email!), stored.Email, merchant.TenantId), (login.UserName, login.Email, login.TenantId));
        Assert.Null(login.PasswordHash);
        Assert.False(login.EmailConfirmed);
        Assert.Equal([Roles.Customer], await app.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(login)));

        var mail = await Accounts.LastMailToAsync(app, stored.Email!);
        Assert.NotNull(mail);
        Assert.Equal(merchant.TenantId, mail.TenantId);
        Assert.Contains(merchant.Company, mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"userId={login.Id}", Accounts.LinkIn(mail, "/Account/Activate"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_an_email_there_is_no_login_and_no_mail(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var mailsBefore = await app.QueryAsync(db => db.DevMails.CountAsync());
        var input = NewCustomer(email: null);
        input.SmsConsent = true;

        var registered = await RegisterAsync(app, merchant.TenantId, shop, input);

        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.CustomerId == registered.Id)));
        Assert.Equal(mailsBefore, await app.QueryAsync(db => db.DevMails.CountAsync()));
        // Only the SMS channel was asked about.
        var log = await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().Where(e => e.CustomerId == registered.Id).ToListAsync());
        Assert.Equal([(ConsentChannel.Sms, true)], log.Select(e => (e.Channel, e.Granted)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_typed_pre_printed_card_number_is_kept(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var card = CardNumbers.Generate();
        var input = NewCustomer();
        input.CardNumber = CardNumbers.Display(card);

        var registered = await RegisterAsync(app, merchant.TenantId, shop, input);

        Assert.Equal(card, registered.CardNumber);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_duplicate_typed_card_number_is_a_field_error_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var first = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer());
        var second = NewCustomer();
        second.CardNumber = first.CardNumber;
        second.SmsConsent = true;
        var mailsBefore = await app.QueryAsync(db => db.DevMails.CountAsync());
        var logBefore = await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().CountAsync());

        var result = await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(second, StaffOf(shop)));

        AssertField(result, nameof(CustomerRegistration.CardNumber), "This card number already belongs to a customer.");
        Assert.False(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.LastName == second.LastName)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == second.Email)));
        Assert.Equal(logBefore, await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(mailsBefore, await app.QueryAsync(db => db.DevMails.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_reports_every_field_at_once_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        input.FirstName = "";
        input.CardNumber = "1234 5678 9012"; // wrong check digit
        input.Phone = "06 12 34";
        input.BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        input.Email = "not-an-email";
        input.SmsConsent = true;

        var result = await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(input, StaffOf(shop)));

        AssertField(result, nameof(CustomerInput.FirstName), "Enter the first name.");
        AssertField(result, nameof(CustomerRegistration.CardNumber), "This card number is not valid: check each digit (the last one is a check digit).");
        AssertField(result, nameof(CustomerInput.Phone), "This number has too few or too many digits; type it as 06 12 34 56 78 or with its country code.");
        AssertField(result, nameof(CustomerInput.BirthDate), "Enter a birth date between 1900 and today.");
        AssertField(result, nameof(CustomerInput.Email), "Enter a valid email address.");
        Assert.False(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.LastName == input.LastName)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Consent_needs_the_contact_and_an_email_is_one_customer_per_merchant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        var noContact = NewCustomer(email: null);
        noContact.Phone = null;
        noContact.SmsConsent = noContact.EmailConsent = true;
        var email = Accounts.UniqueEmail("shared");

        var consentResult = await CallAsync(app, a.TenantId, s => s.RegisterAsync(noContact, StaffOf(aShop)));
        await RegisterAsync(app, a.TenantId, aShop, NewCustomer(email: email));
        var again = await CallAsync(app, a.TenantId, s => s.RegisterAsync(NewCustomer(email: email.ToUpperInvariant()), StaffOf(aShop)));
        var atB = await CallAsync(app, b.TenantId, s => s.RegisterAsync(NewCustomer(email: email), StaffOf(bShop)));

        AssertField(consentResult, nameof(CustomerRegistration.SmsConsent), "SMS offers need a mobile phone number.");
        AssertField(consentResult, nameof(CustomerRegistration.EmailConsent), "Email offers need an email address.");
        AssertField(again, nameof(CustomerInput.Email), "Another customer already has this email address.");
        // The same address at another merchant is another, separate customer with its own login.
        Assert.True(atB.Succeeded, Accounts.Describe(atB.Errors));
        Assert.Equal(2, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == email && u.CustomerId != null)));
    }
}

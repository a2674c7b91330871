using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>The manager's edit and consent changes, each with its log row.</summary>
public sealed class CustomerUpdateTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_edit_is_validated_normalised_and_moves_the_login_to_a_new_email(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var customer = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer());
        var edit = CustomerInput.From(customer);
        edit.LastName = "Nouveau-Nom";
        edit.Phone = "+39 347 123 4567";
        edit.Email = Accounts.UniqueEmail("moved").ToUpperInvariant();
        edit.Tags = "vip";
        edit.IsPro = true;

        var invalid = await CallAsync(app, merchant.TenantId, s => s.UpdateAsync(customer.Id, new CustomerInput { FirstName = "x", LastName = "y", Phone = "abc" }, Manager));
        var result = await CallAsync(app, merchant.TenantId, s => s.UpdateAsync(customer.Id, edit, Manager));

        AssertField(invalid, nameof(CustomerInput.Phone), "A phone number has only digits, spaces and + ( ) - . such as 06 12 34 56 78.");
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        var details = await CallAsync(app, merchant.TenantId, s => s.FindAsync(customer.Id));
        var stored = details!.Customer;
        var newEmail = edit.Email.ToLowerInvariant();
        Assert.Equal(("Nouveau-Nom", "nouveau nom alice", "+393471234567", newEmail, true), (stored.LastName, stored.SearchName, stored.Phone, stored.Email, stored.IsPro));
        Assert.Equal(["vip"], stored.Tags.Select(t => t.Tag));
        Assert.Equal(shop.Name, details.ShopName);
        Assert.Equal(CustomerLogin.AwaitingActivation, details.Login);
        var login = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.CustomerId == customer.Id));
        Assert.Equal((LoginNames.ForCustomer(merchant.TenantId, newEmail), newEmail, "Alice Nouveau-Nom"), (login.UserName, login.Email, login.DisplayName));
        Assert.NotNull(await Accounts.LastMailToAsync(app, newEmail));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_consent_change_writes_one_log_row_and_a_repeat_writes_none(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var customer = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer());

        var granted = await CallAsync(app, merchant.TenantId, s => s.ChangeConsentAsync(customer.Id, ConsentChannel.Email, true, ConsentSources.BackOffice, Manager));
        var twice = await CallAsync(app, merchant.TenantId, s => s.ChangeConsentAsync(customer.Id, ConsentChannel.Email, true, ConsentSources.BackOffice, Manager));
        var withdrawn = await CallAsync(app, merchant.TenantId, s => s.ChangeConsentAsync(customer.Id, ConsentChannel.Email, false, ConsentSources.BackOffice, Manager));

        Assert.True(granted.Succeeded && twice.Succeeded && withdrawn.Succeeded);
        var log = await CallAsync(app, merchant.TenantId, s => s.ConsentLogAsync(customer.Id));
        // Newest first: withdrawal, grant, then the two rows of the registration.
        Assert.Equal([(ConsentChannel.Email, false, ConsentSources.BackOffice), (ConsentChannel.Email, true, ConsentSources.BackOffice)],
            log.Take(2).Select(e => (e.Channel, e.Granted, e.Source)));
        Assert.Equal(4, log.Count);
        Assert.Equal((Manager.UserId, Manager.Name), (log[0].ByUserId, log[0].ByName));
        Assert.Equal(ConsentTexts.Withdrawn(ConsentChannel.Email, merchant.Company), log[0].Text);
        var stored = (await CallAsync(app, merchant.TenantId, s => s.FindAsync(customer.Id)))!.Customer;
        Assert.False(stored.EmailConsent.Granted);
        Assert.Equal(ConsentSources.BackOffice, stored.EmailConsent.Source);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Removing_the_phone_withdraws_sms_consent_with_a_log_row(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        input.SmsConsent = true;
        var customer = await RegisterAsync(app, merchant.TenantId, shop, input);
        var edit = CustomerInput.From(customer);
        edit.Phone = " ";

        var result = await CallAsync(app, merchant.TenantId, s => s.UpdateAsync(customer.Id, edit, Manager));
        var noPhone = await CallAsync(app, merchant.TenantId, s => s.ChangeConsentAsync(customer.Id, ConsentChannel.Sms, true, ConsentSources.BackOffice, Manager));

        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        Assert.Equal(["Add a mobile phone number before recording SMS consent."], noPhone.Errors[""]);
        var stored = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == customer.Id));
        Assert.Null(stored.Phone);
        Assert.False(stored.SmsConsent.Granted);
        var last = (await CallAsync(app, merchant.TenantId, s => s.ConsentLogAsync(customer.Id)))[0];
        Assert.Equal((ConsentChannel.Sms, false, Manager.Name), (last.Channel, last.Granted, last.ByName));
    }
}

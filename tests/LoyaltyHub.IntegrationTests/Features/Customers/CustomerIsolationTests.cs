using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>
/// Merchant A's counter and back office never reach merchant B's customers, whatever they type
/// or whichever id they pass (SPEC §1; issue 3: a scan of B's card at A is "not found").
/// </summary>
public sealed class CustomerIsolationTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Merchant_A_cannot_find_read_or_change_a_customer_of_merchant_B(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        var bInput = NewCustomer(lastName: Accounts.UniqueName("Bernard").Replace(" ", "", StringComparison.Ordinal));
        bInput.SmsConsent = true;
        var bCustomer = await RegisterAsync(app, b.TenantId, bShop, bInput);
        var aCustomer = await RegisterAsync(app, a.TenantId, aShop, NewCustomer());
        var before = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == bCustomer.Id));

        var (lookups, search, found, update, consent, log) = await CallAsync(app, a.TenantId, async s =>
        {
            var results = new List<CustomerRow>();
            foreach (var query in new[] { bCustomer.CardNumber, bInput.Phone!, bInput.Email!, bInput.LastName })
            {
                results.AddRange(await s.LookupAsync(query));
            }

            var hijack = new CustomerInput { FirstName = "Hijacked", LastName = "Hijacked", Language = "en" };
            return (results,
                await s.SearchAsync(new CustomerSearch { IncludeClosed = true }, new CustomerPaging(0, 100)),
                await s.FindAsync(bCustomer.Id),
                await s.UpdateAsync(bCustomer.Id, hijack, Manager),
                await s.ChangeConsentAsync(bCustomer.Id, ConsentChannel.Sms, false, ConsentSources.BackOffice, Manager),
                await s.ConsentLogAsync(bCustomer.Id));
        });

        Assert.Empty(lookups);
        Assert.Equal([aCustomer.Id], search.Rows.Select(r => r.Id));
        Assert.Equal(1, search.Total);
        Assert.Null(found);
        Assert.Equal(["The customer was not found."], update.Errors[""]);
        Assert.Equal(["The customer was not found."], consent.Errors[""]);
        Assert.Empty(log);

        // B's customer is untouched, consent and log included.
        var after = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == bCustomer.Id));
        Assert.Equal((before.FirstName, before.LastName, before.TenantId, before.SmsConsent.Granted), (after.FirstName, after.LastName, after.TenantId, after.SmsConsent.Granted));
        Assert.True(after.SmsConsent.Granted);
        Assert.Equal(2, await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().CountAsync(e => e.CustomerId == bCustomer.Id)));

        // The owner still finds it the same ways: the failures above come from isolation.
        var own = await CallAsync(app, b.TenantId, s => s.LookupAsync(bCustomer.CardNumber));
        Assert.Equal([bCustomer.Id], own.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manager_of_A_gets_404_for_B_customer_page_and_sees_own(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aCustomer = await RegisterAsync(app, a.TenantId, await Accounts.CreateShopAsync(app, a.TenantId), NewCustomer());
        var bCustomer = await RegisterAsync(app, b.TenantId, await Accounts.CreateShopAsync(app, b.TenantId), NewCustomer());
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        using var foreign = await manager.GetAsync($"/manage/customers/{bCustomer.Id}");
        var foreignBody = await foreign.Content.ReadAsStringAsync();
        using var own = await manager.GetAsync($"/manage/customers/{aCustomer.Id}");
        var ownBody = await own.Content.ReadAsStringAsync();

        Assert.True(foreign.StatusCode == System.Net.HttpStatusCode.NotFound, $"B's customer answered {(int)foreign.StatusCode}:\n{foreignBody}");
        Assert.DoesNotContain(bCustomer.LastName, foreignBody, StringComparison.Ordinal);
        Assert.DoesNotContain(CardNumbers.Display(bCustomer.CardNumber), foreignBody, StringComparison.Ordinal);
        Assert.True(own.StatusCode == System.Net.HttpStatusCode.OK, $"A's customer answered {(int)own.StatusCode}:\n{ownBody}");
        Assert.Contains(CardNumbers.Display(aCustomer.CardNumber), ownBody, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"customer-loyalty\"", ownBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_cannot_register_into_another_merchants_shop(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        var input = NewCustomer();

        var result = await CallAsync(app, a.TenantId, s => s.RegisterAsync(input, StaffOf(bShop)));

        Assert.Equal(["The shop was not found."], result.Errors[""]);
        Assert.False(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.LastName == input.LastName)));
    }
}

using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>The counter's one search box: card number, phone, email or name; never a closed account.</summary>
public sealed class CustomerLookupTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Lookup_finds_by_card_number_phone_email_and_name_prefix(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer(lastName: "Lefèvre-Dupont");
        input.FirstName = "Zoé";
        var zoe = await RegisterAsync(app, merchant.TenantId, shop, input);
        var other = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer(lastName: "Lefebvre"));

        // Card number as printed, as scanned, and a phone typed any way it is written.
        foreach (var query in new[] { zoe.CardNumber, CardNumbers.Display(zoe.CardNumber), input.Phone!, E164(input.Phone!), input.Email!.ToUpperInvariant(),
                     "lefevre-dup", "LEFÈVRE DUPONT Z", "Zoé Lefèvre-Dupont" })
        {
            var found = await CallAsync(app, merchant.TenantId, s => s.LookupAsync(query));
            Assert.True(found.Count == 1 && found[0].Id == zoe.Id, $"'{query}' found {string.Join(", ", found.Select(f => f.Name))}");
        }

        // A shorter prefix finds both, ordered by name; unknown text finds nobody.
        var both = await CallAsync(app, merchant.TenantId, s => s.LookupAsync("lefe"));
        Assert.Equal([other.Id, zoe.Id], both.Select(c => c.Id));
        Assert.Empty(await CallAsync(app, merchant.TenantId, s => s.LookupAsync("nobody-by-this-name")));
        Assert.Empty(await CallAsync(app, merchant.TenantId, s => s.LookupAsync("   ")));
        Assert.Empty(await CallAsync(app, merchant.TenantId, s => s.LookupAsync(CardNumbers.Generate())));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Lookup_returns_at_most_twenty_customers(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        for (var i = 0; i < CustomerService.LookupLimit + 2; i++)
        {
            await RegisterAsync(app, merchant.TenantId, shop, NewCustomer(lastName: $"Martin{i:00}", email: null));
        }

        var found = await CallAsync(app, merchant.TenantId, s => s.LookupAsync("martin"));

        Assert.Equal(CustomerService.LookupLimit, found.Count);
        Assert.Equal(found.Select(c => c.LastName).Order(StringComparer.Ordinal), found.Select(c => c.LastName));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_closed_account_is_never_found_at_the_counter(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        var closed = await RegisterAsync(app, merchant.TenantId, shop, input);
        await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == closed.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CustomerStatus.Closed)));

        foreach (var query in new[] { closed.CardNumber, input.Phone!, input.Email!, input.LastName })
        {
            Assert.Empty(await CallAsync(app, merchant.TenantId, s => s.LookupAsync(query)));
        }

        Assert.Null(await CallAsync(app, merchant.TenantId, s => s.FindActiveAsync(closed.Id)));
        var search = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(new CustomerSearch { Text = closed.CardNumber }, new CustomerPaging(0, 10)));
        Assert.Equal(0, search.Total);
        // The manager still sees the row, and the card number stays taken.
        Assert.Equal(CustomerStatus.Closed, (await CallAsync(app, merchant.TenantId, s => s.FindAsync(closed.Id)))?.Customer.Status);
        var reuse = NewCustomer();
        reuse.CardNumber = closed.CardNumber;
        AssertField(await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(reuse, StaffOf(shop))),
            nameof(CustomerRegistration.CardNumber), "This card number already belongs to a customer.");
        var update = await CallAsync(app, merchant.TenantId, s => s.UpdateAsync(closed.Id, CustomerInput.From(closed), Manager));
        Assert.Equal(["This customer's account is closed."], update.Errors[""]);
    }
}

using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>The manager's list: server-side filters, sorting and paging with the total count (up to <see cref="CustomerService.CountLimit"/>).</summary>
public sealed class CustomerSearchTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paging_returns_the_requested_page_and_the_total(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var ids = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add((await RegisterAsync(app, merchant.TenantId, shop, NewCustomer(lastName: $"Page{i:00}", email: null))).Id);
        }

        var search = new CustomerSearch();
        var byName = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(search, new CustomerPaging(10, 10, CustomerSort.Name, Descending: false)));
        var newest = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(search, new CustomerPaging(0, 5)));
        var last = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(search, new CustomerPaging(20, 10, CustomerSort.Name, Descending: true)));
        var capped = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(search, new CustomerPaging(0, 10_000)));

        Assert.Equal(25, byName.Total);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"Page{i:00}"), byName.Rows.Select(r => r.LastName));
        Assert.Equal(ids.AsEnumerable().Reverse().Take(5), newest.Rows.Select(r => r.Id));
        Assert.Equal(["Page04", "Page03", "Page02", "Page01", "Page00"], last.Rows.Select(r => r.LastName));
        Assert.Equal(25, capped.Rows.Count);
        Assert.All(byName.Rows, r => Assert.Equal(shop.Name, r.ShopName));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filters_narrow_the_list_and_the_count(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var downtown = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var harbour = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var pro = NewCustomer(lastName: "Pro");
        pro.IsPro = true;
        pro.Tags = "wholesale";
        var proCustomer = await RegisterAsync(app, merchant.TenantId, downtown, pro);
        var noEmail = await RegisterAsync(app, merchant.TenantId, harbour, NewCustomer(lastName: "Plain", email: null));
        var noPhoneInput = NewCustomer(lastName: "NoPhone");
        noPhoneInput.Phone = null;
        var noPhone = await RegisterAsync(app, merchant.TenantId, harbour, noPhoneInput);
        var old = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == noPhone.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.CreatedAt, new DateTimeOffset(2024, 3, 15, 10, 0, 0, TimeSpan.Zero))));
        Assert.Equal(1, old);

        async Task<int[]> IdsAsync(CustomerSearch search) =>
            (await CallAsync(app, merchant.TenantId, s => s.SearchAsync(search, new CustomerPaging(0, 50)))) is var page && page.Rows.Count == page.Total
                ? page.Rows.Select(r => r.Id).Order().ToArray()
                : throw new InvalidOperationException("The total differs from the rows.");

        Assert.Equal([proCustomer.Id], await IdsAsync(new CustomerSearch { IsPro = true }));
        Assert.Equal([proCustomer.Id], await IdsAsync(new CustomerSearch { Tag = " Wholesale " }));
        Assert.Equal([proCustomer.Id], await IdsAsync(new CustomerSearch { ShopId = downtown.Id }));
        Assert.Equal([noEmail.Id], await IdsAsync(new CustomerSearch { HasEmail = false }));
        Assert.Equal([noPhone.Id], await IdsAsync(new CustomerSearch { HasPhone = false }));
        Assert.Equal([noPhone.Id], await IdsAsync(new CustomerSearch { CreatedFrom = new DateOnly(2024, 3, 15), CreatedTo = new DateOnly(2024, 3, 15) }));
        Assert.Equal([proCustomer.Id, noEmail.Id], await IdsAsync(new CustomerSearch { CreatedFrom = new DateOnly(2025, 1, 1) }));
        Assert.Equal([noPhone.Id], await IdsAsync(new CustomerSearch { CreatedTo = new DateOnly(2024, 12, 31) }));
        Assert.Equal([noEmail.Id], await IdsAsync(new CustomerSearch { Text = "plain", ShopId = harbour.Id }));
        Assert.Equal([proCustomer.Id], await IdsAsync(new CustomerSearch { Text = proCustomer.CardNumber }));
        Assert.Equal([proCustomer.Id], await IdsAsync(new CustomerSearch { Text = pro.Phone }));
        Assert.Empty(await IdsAsync(new CustomerSearch { Text = "plain", HasEmail = true }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_text_matching_more_than_the_count_limit_is_counted_up_to_it_and_still_paged_in_order(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var many = CustomerService.CountLimit + 5;
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        static Customer Make(int i, string last, DateTimeOffset at)
        {
            var payload = "7" + i.ToString("D10", CultureInfo.InvariantCulture);
            return new Customer
            {
                CardNumber = payload + CardNumbers.CheckDigit(payload), FirstName = "Jean", LastName = last,
                SearchName = SearchKeys.Name(last, "Jean"), CreatedAt = at,
            };
        }

        // Many "Dupont<i>" registered a minute apart, then three newer customers the text does not match.
        await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.InsertAsync(Enumerable.Range(0, many).Select(i => Make(i, $"Dupont{i}", start.AddMinutes(i))));
            await db.InsertAsync(Enumerable.Range(many, 3).Select(i => Make(i, "Martin", start.AddMinutes(i))));
            return true;
        });

        var second = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(new CustomerSearch { Text = "dupont" }, new CustomerPaging(25, 25)));
        var few = await CallAsync(app, merchant.TenantId, s => s.SearchAsync(new CustomerSearch { Text = "Dupont17" }, new CustomerPaging(0, 100, CustomerSort.Name, Descending: false)));

        Assert.Equal((CustomerService.CountLimit, true), (second.Total, second.MoreThanTotal));
        Assert.Equal("10,000+", second.TotalText);
        Assert.Equal(Enumerable.Range(0, 25).Select(k => $"Dupont{many - 26 - k}"), second.Rows.Select(r => r.LastName));
        // Dupont17, Dupont170…179, Dupont1700…1799: counted exactly, the first 100 by name.
        Assert.Equal((111, false), (few.Total, few.MoreThanTotal));
        Assert.Equal("111", few.TotalText);
        Assert.Equal(few.Rows.Select(r => SearchKeys.Name(r.LastName, r.FirstName)).Order(StringComparer.Ordinal), few.Rows.Select(r => SearchKeys.Name(r.LastName, r.FirstName)));
        Assert.Equal(["Dupont17", "Dupont170", "Dupont1700"], few.Rows.Take(3).Select(r => r.LastName));
    }
}

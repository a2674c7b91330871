using System.Net;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Transactions;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.GiftCards.GiftCardHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Transactions;

/// <summary>The Transactions read model over the gift-card ledger, and its CSV export over HTTP.</summary>
public sealed class TransactionTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gift_card_movements_are_listed_newest_first_filtered_and_paged(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var north = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var south = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var buyer = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, north, CustomerHelpers.NewCustomer());
        var first = await CallAsync(app, merchant.TenantId, s => s.SellAsync(
            new GiftCardInput { Kind = GiftCardKind.Physical, Number = Core.Features.Customers.CardNumbers.Generate(), Amount = "40", BuyerCustomerId = buyer.Id },
            new GiftCardActor("staff", north.Id)));
        var second = await SellPhysicalAsync(app, merchant.TenantId, "10", shopId: south.Id);
        await CallAsync(app, merchant.TenantId, s => s.RedeemAsync(first.Value!.Card.Number, 1500, south.Id, "staff"));
        await SellPhysicalAsync(app, other.TenantId, "99");

        async Task<TransactionPage> Page(TransactionFilter filter, int skip = 0, int take = 50) =>
            await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<TransactionService>().PageAsync(filter, skip, take));

        var all = await Page(new TransactionFilter());
        Assert.Equal(3, all.Total);
        Assert.Equal([(TransactionType.GiftCardUse, -1500L), (TransactionType.GiftCardSale, 1000L), (TransactionType.GiftCardSale, 4000L)],
            all.Rows.Select(r => (r.Type, r.AmountMinor!.Value)));
        Assert.Equal([south.Name, south.Name, north.Name], all.Rows.Select(r => r.ShopName));
        Assert.Equal(first.Value!.Card.Number, all.Rows[0].Reference);

        var paged = await Page(new TransactionFilter(), skip: 1, take: 1);
        Assert.Equal((3, second.Card.Number), (paged.Total, Assert.Single(paged.Rows).Reference));
        Assert.Equal(2, (await Page(new TransactionFilter(ShopId: south.Id))).Total);
        Assert.Single((await Page(new TransactionFilter(Type: TransactionType.GiftCardUse))).Rows);
        var bought = await Page(new TransactionFilter(CustomerId: buyer.Id));
        Assert.Equal(2, bought.Total);
        Assert.All(bought.Rows, r => Assert.Equal($"{buyer.FirstName} {buyer.LastName}", r.CustomerName));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(3, (await Page(new TransactionFilter(From: today.AddDays(-1), To: today.AddDays(1)))).Total);
        Assert.Equal(0, (await Page(new TransactionFilter(From: today.AddDays(2)))).Total);
        Assert.Equal(0, (await Page(new TransactionFilter(To: today.AddDays(-2)))).Total);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_csv_export_holds_only_the_managers_tenant_with_formulas_neutralised(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId, name: "=HYPERLINK(\"http://evil\") " + Guid.NewGuid().ToString("N")[..6]);
        var mine = await SellPhysicalAsync(app, merchant.TenantId, "12.5", shopId: shop.Id);
        var theirs = await SellPhysicalAsync(app, other.TenantId, "99");

        using var browser = app.CreateBrowser();
        using (var anonymous = await browser.GetAsync("/manage/transactions.csv"))
        {
            Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        }

        await Accounts.SignInOrFailAsync(browser, merchant.ManagerEmail);
        using var response = await browser.GetAsync("/manage/transactions.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("When,Shop,Customer,Type,Amount,Currency,Points,Reference", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")", row, StringComparison.Ordinal);
        Assert.Contains(",Gift card sale,12.50,EUR,,", row, StringComparison.Ordinal);
        Assert.EndsWith(mine.Card.Number, row, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Card.Number, csv, StringComparison.Ordinal);

        using var filtered = await browser.GetAsync("/manage/transactions.csv?type=GiftCardUse");
        Assert.Single((await filtered.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}

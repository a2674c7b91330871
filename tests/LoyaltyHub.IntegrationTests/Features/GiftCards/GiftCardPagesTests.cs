using System.Net;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using static LoyaltyHub.IntegrationTests.Features.GiftCards.GiftCardHelpers;

namespace LoyaltyHub.IntegrationTests.Features.GiftCards;

/// <summary>The manager's gift card and transactions pages render, and only the manager's own cards.</summary>
public sealed class GiftCardPagesTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manager_pages_render_and_another_tenants_card_is_not_found(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var mine = await SellPhysicalAsync(app, a.TenantId, "42");
        var theirs = await SellPhysicalAsync(app, b.TenantId, "42");
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        foreach (var (path, text) in new[] { ("/manage/giftcards", "Gift cards"), ("/manage/giftcards/new", "Sell gift card"), ("/manage/transactions", "Export CSV") })
        {
            using var page = await manager.GetAsync(path);
            var body = await page.Content.ReadAsStringAsync();
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)page.StatusCode}:\n{body}");
            Assert.Contains(text, body, StringComparison.Ordinal);
        }

        using var own = await manager.GetAsync($"/manage/giftcards/{mine.Card.Id}");
        var ownBody = await own.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(CardNumbers.Display(mine.Card.Number), ownBody, StringComparison.Ordinal);
        Assert.Contains("42.00 EUR", ownBody, StringComparison.Ordinal);

        using var foreign = await manager.GetAsync($"/manage/giftcards/{theirs.Card.Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(CardNumbers.Display(theirs.Card.Number), await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_get_the_counter_gift_card_page_but_not_the_transactions_export(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, a.TenantId);
        using var staff = app.CreateBrowser();
        await ActivateStaffAsync(app, staff, shop);

        using var page = await staff.GetAsync("/counter/giftcards");
        var body = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/counter/giftcards answered {(int)page.StatusCode}:\n{body}");
        Assert.Contains("Gift card number", body, StringComparison.Ordinal);

        // The export is the manager's: staff are sent to Access denied.
        using var export = await staff.GetAsync("/manage/transactions.csv");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", export.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    /// <summary>Sets the shop login's password through its activation link, which also signs it in.</summary>
    private static async Task ActivateStaffAsync(TestApp app, HttpClient client, Core.Features.Shops.Shop shop)
    {
        var mail = await Accounts.LastMailToAsync(app, shop.Email);
        Assert.NotNull(mail);
        using var response = await HtmlForms.SubmitAsync(client, Accounts.LinkIn(mail, "/Account/Activate"), "activate",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

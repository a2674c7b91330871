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
}

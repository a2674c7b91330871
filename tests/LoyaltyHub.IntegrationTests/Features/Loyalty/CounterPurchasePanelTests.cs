using System.Net;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>The counter's purchase panel as the server renders it for the shop's staff.</summary>
public sealed class CounterPurchasePanelTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_open_customer_shows_the_balance_and_the_available_badges(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var badge = await world.AddProgramAsync(RewardTrigger.Points, 10);
        var tooDear = await world.AddProgramAsync(RewardTrigger.Points, 1000);
        Assert.True((await world.RecordAsync(world.Purchase(12_00))).Succeeded);
        using var staff = world.App.CreateBrowser();
        await ActivateStaffAsync(world, staff);

        using var response = await staff.GetAsync($"/counter?q={world.Customer.CardNumber}");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"purchase-panel\"", body, StringComparison.Ordinal);
        Assert.Contains("<strong>12</strong> points", body, StringComparison.Ordinal);
        Assert.Contains(badge.Title, body, StringComparison.Ordinal);
        Assert.DoesNotContain(tooDear.Title, body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"purchase-lines\"", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"purchase-giftcard-number\"", body, StringComparison.Ordinal);
    }

    private static async Task ActivateStaffAsync(LedgerWorld world, HttpClient client)
    {
        var mail = await Accounts.LastMailToAsync(world.App, world.Shop.Email);
        Assert.NotNull(mail);
        using var response = await HtmlForms.SubmitAsync(client, Accounts.LinkIn(mail, "/Account/Activate"), "activate",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

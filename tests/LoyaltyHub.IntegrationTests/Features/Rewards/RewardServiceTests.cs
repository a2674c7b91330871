using System.Net;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Rewards;

/// <summary>The manager's reward program CRUD through RewardService and the /manage/rewards pages, on each database.</summary>
public sealed class RewardServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    private static Task<T> CallAsync<T>(LedgerWorld world, Func<RewardService, Task<T>> call) =>
        world.App.AsTenantAsync(world.TenantId, sp => call(sp.GetRequiredService<RewardService>()));

    private static RewardProgramInput Input(string? title = null) => new()
    {
        Title = title ?? Accounts.UniqueName("Coffee"), Type = RewardType.Gift, GiftName = "Coffee", Trigger = RewardTrigger.Points, Cost = 100,
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_creates_edits_and_deletes_a_program(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var input = Input();
        input.ExcludedShopIds = [world.Shop.Id];

        var created = await CallAsync(world, s => s.CreateAsync(input));
        Assert.True(created.Succeeded, Accounts.Describe(created.Errors));
        input.Type = RewardType.DiscountPercent;
        input.Percent = 15;
        var updated = await CallAsync(world, s => s.UpdateAsync(created.Value!.Id, input));
        var read = await CallAsync(world, s => s.FindAsync(created.Value!.Id));

        Assert.True(updated.Succeeded, Accounts.Describe(updated.Errors));
        Assert.Equal((RewardType.DiscountPercent, 15, (string?)null, 100), (read!.Type, read.Percent, read.GiftName, read.Cost));
        Assert.Equal([world.Shop.Id], read.ExcludedShopIds);
        Assert.True((await CallAsync(world, s => s.DeleteAsync(read.Id))).Succeeded);
        Assert.Empty(await CallAsync(world, s => s.ListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_duplicate_and_foreign_shop_input_is_refused_by_field(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var other = await LedgerWorld.CreateAsync(world.App);
        var first = await CallAsync(world, s => s.CreateAsync(Input("Free coffee")));
        Assert.True(first.Succeeded);

        var duplicate = await CallAsync<Result>(world, async s => await s.CreateAsync(Input("Free coffee")));
        var noPercent = Input();
        (noPercent.Type, noPercent.Percent) = (RewardType.CashbackPercent, 0);
        var noCost = Input();
        noCost.Cost = 0;
        var foreignShop = Input();
        foreignShop.ExcludedShopIds = [other.Shop.Id];

        CustomerHelpers.AssertField(duplicate, nameof(RewardProgramInput.Title), "Another program already has this title.");
        CustomerHelpers.AssertField(await CallAsync<Result>(world, async s => await s.CreateAsync(noPercent)), nameof(RewardProgramInput.Percent), "The percent is a whole number from 1 to 100.");
        CustomerHelpers.AssertField(await CallAsync<Result>(world, async s => await s.CreateAsync(noCost)), nameof(RewardProgramInput.Cost), "The cost is a whole number of points from 1 to 1,000,000.");
        CustomerHelpers.AssertField(await CallAsync<Result>(world, async s => await s.CreateAsync(foreignShop)), nameof(RewardProgramInput.ExcludedShopIds), "Choose shops from the list.");
        Assert.Single(await CallAsync(world, s => s.ListAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_used_program_cannot_be_deleted_and_another_tenant_never_sees_it(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var other = await LedgerWorld.CreateAsync(world.App);
        var welcome = await world.AddProgramAsync(RewardTrigger.WelcomeGift, 0);
        Assert.True((await world.RecordAsync(world.Purchase(1_00, welcome.Id))).Succeeded);

        var deleted = await CallAsync(world, s => s.DeleteAsync(welcome.Id));

        Assert.Equal(["This program was already used by customers; deactivate it instead."], deleted.Errors[""]);
        Assert.Null(await CallAsync(other, s => s.FindAsync(welcome.Id)));
        Assert.False((await CallAsync(other, s => s.UpdateAsync(welcome.Id, Input()))).Succeeded);
        Assert.False((await CallAsync(other, s => s.DeleteAsync(welcome.Id))).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_rewards_pages_show_own_programs_and_404_for_another_tenant_s(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var other = await LedgerWorld.CreateAsync(world.App);
        var own = await world.AddProgramAsync(RewardTrigger.Points, 100);
        var foreign = await other.AddProgramAsync(RewardTrigger.Points, 100);
        using var manager = world.App.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, world.Merchant.ManagerEmail);

        using var list = await manager.GetAsync("/manage/rewards");
        var listBody = await list.Content.ReadAsStringAsync();
        using var page = await manager.GetAsync($"/manage/rewards/{own.Id}");
        using var foreignPage = await manager.GetAsync($"/manage/rewards/{foreign.Id}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(own.Title, listBody, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.Title, listBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignPage.StatusCode);
    }
}

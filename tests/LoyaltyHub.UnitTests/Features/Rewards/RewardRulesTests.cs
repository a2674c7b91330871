using LoyaltyHub.Core.Features.Rewards;

namespace LoyaltyHub.UnitTests.Features.Rewards;

public sealed class RewardRulesTests
{
    private static RewardContext Context(int purchases = 3, long points = 100, bool pro = false, int shop = 1, params int[] usedWelcome) =>
        new(shop, pro, points, purchases, usedWelcome.ToHashSet());

    private static RewardProgram Program(RewardTrigger trigger = RewardTrigger.Points, int cost = 50) =>
        new() { Id = 7, Title = "Coffee", Type = RewardType.Gift, GiftName = "Coffee", Cost = cost, Trigger = trigger };

    [Fact]
    public void A_points_program_needs_the_cost_in_points()
    {
        Assert.True(RewardRules.IsAvailable(Program(cost: 50), Context(points: 50)));
        Assert.False(RewardRules.IsAvailable(Program(cost: 50), Context(points: 49)));
    }

    [Fact]
    public void Inactive_excluded_shop_and_pro_only_programs_are_hidden()
    {
        var inactive = Program();
        inactive.Active = false;
        var excluded = Program();
        excluded.ExcludedShopIds = [2];
        var pro = Program();
        pro.ProOnly = true;

        Assert.False(RewardRules.IsAvailable(inactive, Context()));
        Assert.False(RewardRules.IsAvailable(excluded, Context(shop: 2)));
        Assert.True(RewardRules.IsAvailable(excluded, Context(shop: 1)));
        Assert.False(RewardRules.IsAvailable(pro, Context(pro: false)));
        Assert.True(RewardRules.IsAvailable(pro, Context(pro: true)));
    }

    [Fact]
    public void The_welcome_gift_is_offered_on_the_first_purchase_only_and_once()
    {
        var welcome = Program(RewardTrigger.WelcomeGift, 0);

        Assert.True(RewardRules.IsAvailable(welcome, Context(purchases: 0, points: 0)));
        Assert.False(RewardRules.IsAvailable(welcome, Context(purchases: 1)));
        Assert.False(RewardRules.IsAvailable(welcome, Context(0, 0, false, 1, 7)));
        Assert.Equal(0, RewardRules.Badge(welcome).PointsCost);
    }

    [Fact]
    public void A_per_visit_program_is_offered_exactly_on_every_nth_visit()
    {
        var everyThird = Program(RewardTrigger.PerVisit, 3);

        var offeredOn = Enumerable.Range(0, 10).Where(done => RewardRules.IsAvailable(everyThird, Context(purchases: done, points: 0)))
            .Select(done => done + 1);

        Assert.Equal([3, 6, 9], offeredOn);
        Assert.Equal(0, RewardRules.Badge(everyThird).PointsCost);
    }

    [Fact]
    public void A_reward_is_offered_anywhere_it_applies_in_at_least_one_shop_with_those_shops()
    {
        RewardShop[] shops = [new(1, "Downtown"), new(2, "Harbour"), new(3, "Station")];
        var everywhere = Program();
        var notDowntown = Program();
        notDowntown.Id = 8;
        notDowntown.ExcludedShopIds = [1, 3];
        var nowhere = Program();
        nowhere.Id = 9;
        nowhere.ExcludedShopIds = [1, 2, 3];
        var tooDear = Program(cost: 500);
        tooDear.Id = 10;

        var offered = RewardRules.AvailableAnywhere([everywhere, notDowntown, nowhere, tooDear], Context(shop: 1), shops);

        Assert.Equal([(7, true, "Downtown, Harbour, Station"), (8, false, "Harbour")],
            offered.Select(r => (r.Badge.Id, r.AllShops, string.Join(", ", r.Shops))));
        Assert.Empty(RewardRules.AvailableAnywhere([everywhere], Context(), []));
    }
}

using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>PurchaseService and RewardService as the counter calls them, on each database.</summary>
public sealed class PurchaseServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_purchase_earns_points_and_the_same_key_twice_records_it_once(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var input = world.Purchase(12_50);

        var first = await world.RecordAsync(input);
        var retry = await world.RecordAsync(input);

        Assert.True(first.Succeeded, Accounts.Describe(first.Errors));
        Assert.True(retry.Succeeded, Accounts.Describe(retry.Errors));
        Assert.Equal(first.Value!.PurchaseId, retry.Value!.PurchaseId);
        Assert.Equal((12L, 12L), (first.Value.PointsEarned, first.Value.PointsBalance));
        Assert.Equal(1, (await world.RowCountsAsync()).Purchases);
        Assert.Equal((12L, 12L, 0L, 0L), await world.BalancesAsync());
        var lastVisit = await world.App.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == world.Customer.Id).Select(c => c.LastVisitAt).SingleAsync());
        Assert.NotNull(lastVisit);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_retries_with_one_key_record_one_purchase(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var input = world.Purchase(10_00);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => world.RecordAsync(input)));

        Assert.All(results, r => Assert.True(r.Succeeded, Accounts.Describe(r.Errors)));
        Assert.Single(results.Select(r => r.Value!.PurchaseId).Distinct());
        Assert.Equal((10L, 10L, 0L, 0L), await world.BalancesAsync());
    }

    /// <summary>SPEC rule: two terminals redeem the same 50-point reward against 60 points at once; exactly one wins.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_concurrent_redemptions_against_60_points_exactly_one_succeeds(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        await world.AdjustAsync(10);

        for (var i = 0; i < 100; i++)
        {
            Assert.True((await world.AdjustAsync(50)).Succeeded); // back to 60
            // 1 cent earns no points, so the balance only moves by the redemption.
            var results = await Task.WhenAll(world.RecordAsync(world.Purchase(1, reward.Id)), world.RecordAsync(world.Purchase(1, reward.Id)));

            Assert.Equal(1, results.Count(r => r.Succeeded));
            var loser = Assert.Single(results, r => !r.Succeeded);
            Assert.Equal(["Not enough points: 10 available, 50 needed."], loser.Errors[""]);
        }

        var balances = await world.BalancesAsync();
        Assert.Equal((10L, 10L), (balances.Cached, balances.Ledger));
        Assert.Equal(100, (await world.RowCountsAsync()).Purchases);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Voiding_restores_the_balances_exactly_and_only_once(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        var cashback = await world.AddProgramAsync(RewardTrigger.Points, 0, p => (p.Type, p.Percent) = (RewardType.CashbackPercent, 10));
        await world.AdjustAsync(70);
        var before = await world.BalancesAsync();

        var recorded = await world.RecordAsync(world.Purchase(40_00, reward.Id, cashback.Id));
        Assert.True(recorded.Succeeded, Accounts.Describe(recorded.Errors));
        Assert.Equal((20L + 40, 4_00L), (recorded.Value!.PointsBalance, recorded.Value.CashbackBalanceMinor));

        var voided = await world.VoidAsync(recorded.Value.PurchaseId);
        var again = await world.VoidAsync(recorded.Value.PurchaseId);

        Assert.True(voided.Succeeded, Accounts.Describe(voided.Errors));
        Assert.Equal(["This purchase is already voided."], again.Errors[""]);
        Assert.Equal(before, await world.BalancesAsync());
        Assert.Equal((70L, 70L, 0L, 0L), before);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_undo_only_their_own_shop_s_purchases(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var otherShop = await Accounts.CreateShopAsync(world.App, world.TenantId);
        var recorded = await world.RecordAsync(world.Purchase(5_00));

        var elsewhere = await world.VoidAsync(recorded.Value!.PurchaseId, CustomerHelpers.StaffOf(otherShop));
        var own = await world.VoidAsync(recorded.Value.PurchaseId, world.Staff);

        Assert.False(elsewhere.Succeeded);
        Assert.True(own.Succeeded, Accounts.Describe(own.Errors));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task After_10_minutes_only_a_manager_can_void(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var recorded = await world.RecordAsync(world.Purchase(5_00));
        var id = recorded.Value!.PurchaseId;
        await world.App.QueryAsync(db => db.Set<Purchase>().IgnoreQueryFilters().Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, DateTime.UtcNow.AddMinutes(-11))));

        var staff = await world.VoidAsync(id, world.Staff);
        var manager = await world.VoidAsync(id);

        Assert.Equal(["A purchase can be undone only by its shop, within 10 minutes; ask a manager to void it."], staff.Errors[""]);
        Assert.True(manager.Succeeded, Accounts.Describe(manager.Errors));
        Assert.Equal((0L, 0L, 0L, 0L), await world.BalancesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Voiding_is_refused_when_the_points_it_earned_are_already_spent(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        var earned = await world.RecordAsync(world.Purchase(60_00));
        await world.RecordAsync(world.Purchase(1, reward.Id));

        var voided = await world.VoidAsync(earned.Value!.PurchaseId);

        Assert.False(voided.Succeeded);
        Assert.Equal((10L, 10L, 0L, 0L), await world.BalancesAsync());
        var purchase = await world.App.QueryAsync(db => db.Set<Purchase>().IgnoreQueryFilters().SingleAsync(p => p.Id == earned.Value.PurchaseId));
        Assert.Null(purchase.VoidedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_with_a_clear_message_and_writes_nothing(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var other = await LedgerWorld.CreateAsync(world.App);
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        var closed = await world.NewCustomerAsync();
        await world.App.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.Id == closed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CustomerStatus.Closed)));
        var before = await world.RowCountsAsync();

        var negative = await world.RecordAsync(world.Purchase(-5));
        var unknown = world.Purchase(5_00);
        unknown.CustomerId = int.MaxValue;
        var closedInput = world.Purchase(5_00);
        closedInput.CustomerId = closed.Id;
        var foreign = world.Purchase(5_00);
        foreign.CustomerId = other.Customer.Id;
        var tooMany = await world.RecordAsync(world.Purchase(5_00, reward.Id));
        var giftCard = world.Purchase(5_00);
        (giftCard.GiftCardNumber, giftCard.GiftCardMinor) = ("123456", 1_00);
        var lines = world.Purchase(5_00);
        lines.Lines.Add(new PurchaseLineInput(null, null, 1, 6_00));

        CustomerHelpers.AssertField(negative, nameof(PurchaseInput.AmountMinor), "Enter an amount above zero.");
        CustomerHelpers.AssertField(await world.RecordAsync(unknown), nameof(PurchaseInput.CustomerId), "The customer was not found.");
        CustomerHelpers.AssertField(await world.RecordAsync(closedInput), nameof(PurchaseInput.CustomerId), "This customer's account is closed.");
        CustomerHelpers.AssertField(await world.RecordAsync(foreign), nameof(PurchaseInput.CustomerId), "The customer was not found.");
        CustomerHelpers.AssertField(tooMany, "", "Not enough points: 0 available, 50 needed.");
        CustomerHelpers.AssertField(await world.RecordAsync(giftCard), nameof(PurchaseInput.GiftCardNumber), "A gift card number has 8 to 19 digits.");
        CustomerHelpers.AssertField(await world.RecordAsync(lines), nameof(PurchaseInput.Lines), "The lines add up to more than the amount.");
        CustomerHelpers.AssertField(await world.AdjustAsync(-1), "delta", PurchaseService.BelowZero(0, 1));
        Assert.Equal(before, await world.RowCountsAsync());
        Assert.Equal((0L, 0L, 0L, 0L), await world.BalancesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_line_naming_an_archived_product_or_category_is_refused_and_writes_nothing(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var (category, onSale, archivedProduct) = await world.App.AsTenantAsync(world.TenantId, async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<Core.Data.AppDbContext>>().CreateDbContextAsync();
            var beans = new Category { Name = Accounts.UniqueName("Beans") };
            var old = new Category { Name = Accounts.UniqueName("Old"), Archived = true };
            beans.Products.Add(new Product { Name = "Espresso blend", PriceMinor = 9_00 });
            beans.Products.Add(new Product { Name = "Discontinued", PriceMinor = 9_00, Archived = true });
            db.AddRange(beans, old);
            await db.SaveChangesAsync();
            return (old, beans.Products[0], beans.Products[1]);
        });
        var before = await world.RowCountsAsync();
        PurchaseInput With(int? categoryId, int? productId)
        {
            var input = world.Purchase(9_00);
            input.Lines.Add(new PurchaseLineInput(categoryId, productId, 1, 9_00));
            return input;
        }

        const string Archived = "A line names an archived category or product; choose one on sale.";
        CustomerHelpers.AssertField(await world.RecordAsync(With(onSale.CategoryId, archivedProduct.Id)), nameof(PurchaseInput.Lines), Archived);
        CustomerHelpers.AssertField(await world.RecordAsync(With(category.Id, null)), nameof(PurchaseInput.Lines), Archived);
        Assert.Equal(before, await world.RowCountsAsync());
        var sold = await world.RecordAsync(With(onSale.CategoryId, onSale.Id));
        Assert.True(sold.Succeeded, Accounts.Describe(sold.Errors));
        Assert.Equal(1, await world.App.QueryAsync(db => db.Set<PurchaseLine>().IgnoreQueryFilters().CountAsync(l => l.ProductId == onSale.Id)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_can_never_record_void_or_read_for_another_tenant_s_customer(string provider)
    {
        var a = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var b = await LedgerWorld.CreateAsync(a.App);
        await a.AddProgramAsync(RewardTrigger.Points, 0);
        var purchase = await a.RecordAsync(a.Purchase(9_00));
        var before = await a.RowCountsAsync();

        var asB = b.Purchase(5_00);
        asB.CustomerId = a.Customer.Id;

        Assert.False((await b.RecordAsync(asB)).Succeeded);
        Assert.Equal(["The purchase was not found."], (await b.VoidAsync(purchase.Value!.PurchaseId)).Errors[""]);
        Assert.False((await b.AdjustAsync(100, a.Customer.Id)).Succeeded);
        Assert.Empty(await b.AvailableAsync(a.Customer.Id, b.Shop.Id));
        Assert.Single(await a.AvailableAsync());
        Assert.Equal(before, await a.RowCountsAsync());
        Assert.Equal((9L, 9L, 0L, 0L), await a.BalancesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_welcome_gift_is_usable_on_the_first_order_only(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var welcome = await world.AddProgramAsync(RewardTrigger.WelcomeGift, 0);

        Assert.Contains(await world.AvailableAsync(), b => b.Id == welcome.Id);
        var first = await world.RecordAsync(world.Purchase(3_00, welcome.Id));
        var second = await world.RecordAsync(world.Purchase(3_00, welcome.Id));

        Assert.True(first.Succeeded, Accounts.Describe(first.Errors));
        Assert.Equal(0, first.Value!.PointsSpent);
        Assert.False(second.Succeeded);
        Assert.DoesNotContain(await world.AvailableAsync(), b => b.Id == welcome.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_per_visit_reward_is_offered_exactly_on_every_third_purchase(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var everyThird = await world.AddProgramAsync(RewardTrigger.PerVisit, 3);

        var offeredOn = new List<int>();
        for (var visit = 1; visit <= 7; visit++)
        {
            if ((await world.AvailableAsync()).Any(b => b.Id == everyThird.Id))
            {
                offeredOn.Add(visit);
            }

            Assert.True((await world.RecordAsync(world.Purchase(1_00))).Succeeded);
        }

        Assert.Equal([3, 6], offeredOn);
        // Clicking it on a visit where it is not due is refused by the server.
        Assert.False((await world.RecordAsync(world.Purchase(1_00, everyThird.Id))).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pro_only_and_shop_excluded_programs_are_hidden(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var pro = await world.AddProgramAsync(RewardTrigger.Points, 0, p => p.ProOnly = true);
        var excluded = await world.AddProgramAsync(RewardTrigger.Points, 0, p => p.ExcludedShopIds = [world.Shop.Id]);
        var elsewhere = await Accounts.CreateShopAsync(world.App, world.TenantId);

        var here = await world.AvailableAsync();
        var there = await world.AvailableAsync(shopId: elsewhere.Id);

        Assert.DoesNotContain(here, b => b.Id == pro.Id || b.Id == excluded.Id);
        Assert.Contains(there, b => b.Id == excluded.Id);
        Assert.False((await world.RecordAsync(world.Purchase(1_00, excluded.Id))).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expiry_writes_what_is_left_of_each_due_lot_first_in_first_out(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        await world.RecordAsync(world.Purchase(80_00)); // lot 1: 80
        await world.RecordAsync(world.Purchase(30_00)); // lot 2: 30
        await world.RecordAsync(world.Purchase(1, reward.Id)); // takes 50 of lot 1

        var expiry = world.App.Services.GetRequiredService<PointsExpiry>();
        var now = DateTime.UtcNow;
        var early = await expiry.ExpireDueAsync(world.TenantId, now.AddMonths(6));
        var due = await expiry.ExpireDueAsync(world.TenantId, now.AddMonths(13));
        var again = await expiry.ExpireDueAsync(world.TenantId, now.AddMonths(13));

        Assert.Equal((0L, 60L, 0L), (early, due, again));
        Assert.Equal((0L, 0L, 0L, 0L), await world.BalancesAsync());
        var expires = await world.App.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters()
            .Where(e => e.CustomerId == world.Customer.Id && e.Kind == PointKind.Expire).OrderBy(e => e.Id).Select(e => e.Delta).ToListAsync());
        Assert.Equal([-30L, -30L], expires);
    }
}

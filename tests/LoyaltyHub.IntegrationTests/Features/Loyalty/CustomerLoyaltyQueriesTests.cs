using System.Text.Json;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>The customer's loyalty read side (portal and manager page), the data export and the manager's adjustment, on each database.</summary>
public sealed class CustomerLoyaltyQueriesTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Summary_shows_balance_expiring_points_and_history_after_purchases_a_void_and_an_adjustment(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 20);
        var first = (await world.RecordAsync(world.Purchase(30_00))).Value!;
        var second = (await world.RecordAsync(world.Purchase(15_00))).Value!;
        var third = (await world.RecordAsync(world.Purchase(7_00))).Value!;
        Assert.True((await world.VoidAsync(second.PurchaseId)).Succeeded);
        Assert.True((await world.AdjustAsync(-5)).Succeeded);
        // The first lot expires in 20 days, the third in 45. PointsFifo: the void's -15 reversal and the -5
        // adjustment consume the oldest lot first, so 10 of the first lot's 30 are left; the second lot
        // (15, a year away) is outside both windows.
        await SetExpiryAsync(world, first.PurchaseId, DateTime.UtcNow.AddDays(20));
        await SetExpiryAsync(world, third.PurchaseId, DateTime.UtcNow.AddDays(45));

        var summary = await SummaryAsync(world, world.Customer.Id);

        Assert.NotNull(summary);
        Assert.Equal(30 + 7 - 5, summary.Points);
        Assert.Equal(0, summary.CashbackMinor);
        Assert.Equal(10, summary.ExpiringIn30Days);
        Assert.Equal(17, summary.ExpiringIn60Days);
        Assert.Equal([10L, 7L], summary.Expiring.Select(e => e.Points));
        // The counter's reminder: the same 10 points, and the day the first of them go.
        var soon = await world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().ExpiringSoonAsync(world.Customer.Id));
        Assert.Equal(10, soon.Points);
        Assert.Equal(summary.Expiring[0].ExpiresAt, soon.FirstExpiry);
        Assert.Contains(summary.Rewards, r => r.Badge.Id == reward.Id && r.AllShops && r.Shops.SequenceEqual([world.Shop.Name]));
        Assert.Equal([third.PurchaseId, second.PurchaseId, first.PurchaseId], summary.RecentPurchases.Select(p => p.Id));
        Assert.Equal([false, true, false], summary.RecentPurchases.Select(p => p.Voided));
        Assert.Equal(world.Shop.Name, summary.RecentPurchases[0].Shop);
        Assert.Equal(
            [PointKind.Adjust, PointKind.Reversal, PointKind.Earn, PointKind.Earn, PointKind.Earn],
            summary.RecentLedger.Select(r => r.Kind));
        Assert.Equal(summary.Points, summary.RecentLedger.Sum(r => r.Delta));

        var page = await world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().LedgerAsync(world.Customer.Id, 1, 2));
        Assert.Equal(5, page!.Total);
        Assert.Equal([PointKind.Reversal, PointKind.Earn], page.Items.Select(r => r.Kind));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_tenants_customer_gives_null(string provider)
    {
        var app = await apps.GetAsync(provider);
        var mine = await LedgerWorld.CreateAsync(app);
        var theirs = await LedgerWorld.CreateAsync(app);
        Assert.True((await theirs.RecordAsync(theirs.Purchase(10_00))).Succeeded);

        Assert.Null(await SummaryAsync(mine, theirs.Customer.Id));
        Assert.Null(await mine.App.AsTenantAsync(mine.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().PurchasesAsync(theirs.Customer.Id, 0, 10)));
        Assert.Null(await mine.App.AsTenantAsync(mine.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().LedgerAsync(theirs.Customer.Id, 0, 10)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_portal_offers_a_reward_usable_in_any_shop_with_where_it_applies(string provider)
    {
        // The customer registered at world.Shop, but may shop anywhere.
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var harbour = await Accounts.CreateShopAsync(world.App, world.TenantId, "Harbour " + Guid.NewGuid().ToString("N")[..6]);
        var everywhere = await world.AddProgramAsync(RewardTrigger.Points, 20);
        var harbourOnly = await world.AddProgramAsync(RewardTrigger.Points, 20, p => p.ExcludedShopIds = [world.Shop.Id]);
        var nowhere = await world.AddProgramAsync(RewardTrigger.Points, 20, p => p.ExcludedShopIds = [world.Shop.Id, harbour.Id]);
        var tooDear = await world.AddProgramAsync(RewardTrigger.Points, 500);
        Assert.True((await world.RecordAsync(world.Purchase(100_00))).Succeeded);

        var summary = await SummaryAsync(world, world.Customer.Id);

        var shopNames = new[] { world.Shop.Name, harbour.Name }.Order(StringComparer.Ordinal).ToList();
        var offered = summary!.Rewards.ToDictionary(r => r.Badge.Id);
        Assert.Equal([everywhere.Id, harbourOnly.Id], offered.Keys.Order());
        Assert.True(offered[everywhere.Id].AllShops);
        Assert.Equal(shopNames, offered[everywhere.Id].Shops);
        Assert.False(offered[harbourOnly.Id].AllShops);
        Assert.Equal([harbour.Name], offered[harbourOnly.Id].Shops);
        Assert.DoesNotContain(nowhere.Id, offered.Keys);
        Assert.DoesNotContain(tooDear.Id, offered.Keys);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Data_export_contains_purchases_and_the_points_ledger(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var purchase = (await world.RecordAsync(world.Purchase(12_34))).Value!;

        var json = await world.App.AsTenantAsync(world.TenantId, async sp =>
        {
            var sections = new Dictionary<string, object>();
            foreach (var source in sp.GetServices<IPersonalDataSource>())
            {
                sections[source.Name] = await source.ExportAsync(world.Customer.Id, CancellationToken.None);
            }

            return JsonSerializer.Serialize(sections, JsonSerializerOptions.Web);
        });

        using var doc = JsonDocument.Parse(json);
        var purchases = doc.RootElement.GetProperty("purchases");
        Assert.Equal(1, purchases.GetArrayLength());
        Assert.Equal(purchase.PurchaseId, purchases[0].GetProperty("id").GetInt64());
        Assert.Equal(12_34, purchases[0].GetProperty("amountMinor").GetInt64());
        Assert.Equal(world.Shop.Name, purchases[0].GetProperty("shop").GetString());
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(12, points[0].GetProperty("delta").GetInt64());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adjustment_without_a_reason_or_below_zero_is_a_field_error_and_writes_nothing(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        Assert.True((await world.RecordAsync(world.Purchase(10_00))).Succeeded);
        var before = await world.RowCountsAsync();

        var noReason = await AdjustAsync(world, 5, "  ");
        var belowZero = await AdjustAsync(world, -11, "Returned goods");
        var zero = await AdjustAsync(world, 0, "Nothing");

        CustomerHelpers.AssertField(noReason, "reason", "Give the reason for the adjustment.");
        CustomerHelpers.AssertField(belowZero, "delta", PurchaseService.BelowZero(10, 11));
        CustomerHelpers.AssertField(zero, "delta", "Enter the points to add or remove.");
        Assert.Equal(before, await world.RowCountsAsync());
        Assert.Equal((10L, 10L, 0L, 0L), await world.BalancesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Purchase_lines_come_with_the_history_the_manager_page_and_transactions(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var other = await LedgerWorld.CreateAsync(world.App);
        var espresso = await world.App.AsTenantAsync(world.TenantId, async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<Core.Data.AppDbContext>>().CreateDbContextAsync();
            var beans = new Category { Name = "Beans" };
            beans.Products.Add(new Product { Name = "Espresso blend", PriceMinor = 9_00 });
            db.Add(beans);
            await db.SaveChangesAsync();
            return beans.Products[0];
        });
        var plain = (await world.RecordAsync(world.Purchase(4_00))).Value!;
        var withLines = world.Purchase(25_00);
        withLines.Lines.AddRange([new PurchaseLineInput(espresso.CategoryId, espresso.Id, 2, 18_00), new PurchaseLineInput(espresso.CategoryId, null, 1, 3_00)]);
        var bought = (await world.RecordAsync(withLines)).Value!;
        IReadOnlyList<PurchaseLineRow> expected =
            [new(bought.PurchaseId, "Beans", "Espresso blend", 2, 18_00), new(bought.PurchaseId, "Beans", null, 1, 3_00)];
        Task<RowPage<PurchaseRow>?> PageAsync(int take) =>
            world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().PurchasesAsync(world.Customer.Id, 0, take));

        var one = await PageAsync(1);
        var both = await PageAsync(10);
        var summary = await SummaryAsync(world, world.Customer.Id);
        var transactions = await world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().LinesAsync([bought.PurchaseId, plain.PurchaseId]));
        var foreign = await other.App.AsTenantAsync(other.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().LinesAsync([bought.PurchaseId]));

        Assert.Equal(expected, Assert.Single(one!.Items).Lines);
        Assert.Equal([bought.PurchaseId, plain.PurchaseId], both!.Items.Select(p => p.Id));
        Assert.Equal(expected, both.Items[0].Lines);
        Assert.Empty(both.Items[1].Lines);
        Assert.Equal(expected, summary!.RecentPurchases[0].Lines);
        Assert.Empty(summary.RecentPurchases[1].Lines);
        Assert.Equal(expected, Assert.Single(transactions).Value);
        Assert.Empty(foreign);
    }

    private static Task<CustomerLoyaltySummary?> SummaryAsync(LedgerWorld world, int customerId) =>
        world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<CustomerLoyaltyQueries>().SummaryAsync(customerId));

    private static Task<Result<long>> AdjustAsync(LedgerWorld world, long delta, string reason) =>
        world.App.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<PurchaseService>()
            .AdjustPointsAsync(world.Customer.Id, delta, reason, CustomerHelpers.Manager));

    /// <summary>Test set-up only: moves an earn lot's expiry so it falls inside the 30/60-day windows.</summary>
    private static Task<int> SetExpiryAsync(LedgerWorld world, long purchaseId, DateTime expiresAt) =>
        world.App.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters()
            .Where(e => e.PurchaseId == purchaseId && e.Kind == PointKind.Earn)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, expiresAt)));
}

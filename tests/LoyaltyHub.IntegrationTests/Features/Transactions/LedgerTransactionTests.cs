using LoyaltyHub.Core.Features.Transactions;
using LoyaltyHub.IntegrationTests.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.GiftCards.GiftCardHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Transactions;

/// <summary>Purchases and points rows next to gift-card rows in the Transactions read model.</summary>
public sealed class LedgerTransactionTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Purchases_adjustments_and_gift_card_sales_are_listed_together(string provider)
    {
        var app = await apps.GetAsync(provider);
        var world = await LedgerWorld.CreateAsync(app);
        var other = await LedgerWorld.CreateAsync(app);
        var receipt = await world.RecordAsync(world.Purchase(25_00));
        Assert.True(receipt.Succeeded);
        Assert.True((await world.AdjustAsync(7)).Succeeded);
        var card = await SellPhysicalAsync(app, world.TenantId, "30", shopId: world.Shop.Id);
        Assert.True((await other.RecordAsync(other.Purchase(99_00))).Succeeded);
        Assert.True((await other.AdjustAsync(3)).Succeeded);

        async Task<TransactionPage> Page(TransactionFilter filter, int skip = 0, int take = 50) =>
            await app.AsTenantAsync(world.TenantId, sp => sp.GetRequiredService<TransactionService>().PageAsync(filter, skip, take));

        var all = await Page(new TransactionFilter());
        Assert.Equal(3, all.Total);
        Assert.Equal([TransactionType.GiftCardSale, TransactionType.PointsAdjust, TransactionType.Purchase], all.Rows.Select(r => r.Type));
        Assert.Equal(3000L, all.Rows[0].AmountMinor);
        Assert.Equal(card.Card.Number, all.Rows[0].Reference);
        Assert.Equal((7L, (long?)null), (all.Rows[1].Points!.Value, all.Rows[1].AmountMinor));
        Assert.Equal((2500L, receipt.Value!.PointsEarned, world.Shop.Name), (all.Rows[2].AmountMinor!.Value, all.Rows[2].Points!.Value, all.Rows[2].ShopName));
        Assert.Equal(world.Customer.Id, all.Rows[2].CustomerId);

        var paged = await Page(new TransactionFilter(), skip: 1, take: 1);
        Assert.Equal((3, TransactionType.PointsAdjust), (paged.Total, Assert.Single(paged.Rows).Type));
        Assert.Equal(TransactionType.Purchase, Assert.Single((await Page(new TransactionFilter(Type: TransactionType.Purchase))).Rows).Type);
        Assert.Equal(TransactionType.PointsAdjust, Assert.Single((await Page(new TransactionFilter(Type: TransactionType.PointsAdjust))).Rows).Type);
        var mine = await Page(new TransactionFilter(CustomerId: world.Customer.Id));
        Assert.Equal([TransactionType.PointsAdjust, TransactionType.Purchase], mine.Rows.Select(r => r.Type));
        Assert.Equal(2, (await Page(new TransactionFilter(ShopId: world.Shop.Id))).Total);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(3, (await Page(new TransactionFilter(From: today.AddDays(-1), To: today.AddDays(1)))).Total);
        Assert.Equal(0, (await Page(new TransactionFilter(From: today.AddDays(2)))).Total);

        Assert.True((await world.VoidAsync(receipt.Value.PurchaseId)).Succeeded);
        var afterVoid = await Page(new TransactionFilter(Type: TransactionType.Purchase));
        Assert.True(Assert.Single(afterVoid.Rows).Voided);
    }
}

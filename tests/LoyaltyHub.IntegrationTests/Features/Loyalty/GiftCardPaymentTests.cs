using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Features.GiftCards;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>
/// A purchase paid in part with a real gift card: the card's ledger moves inside the purchase's
/// transaction, a refused card writes nothing at all, and a void gives the card its value back.
/// </summary>
public sealed class GiftCardPaymentTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_card_writes_nothing_and_a_void_gives_the_card_its_value_back(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var app = await TestApp.StartAsync(new TestApp(database));
        var world = await LedgerWorld.CreateAsync(app);
        var card = await GiftCardHelpers.SellPhysicalAsync(app, world.TenantId, "30.00", shopId: world.Shop.Id);

        var tooMuch = world.Purchase(50_00);
        (tooMuch.GiftCardNumber, tooMuch.GiftCardMinor) = (card.Card.Number, 40_00);
        var refusal = await world.RecordAsync(tooMuch);
        Assert.False(refusal.Succeeded);
        Assert.True(refusal.Errors.ContainsKey(nameof(PurchaseInput.GiftCardNumber)), Accounts.Describe(refusal.Errors));
        Assert.Equal((0, 0, 0), await world.RowCountsAsync());
        Assert.Equal(30_00L, (await GiftCardHelpers.StoredAsync(app, card.Card.Id)).BalanceMinor);

        var paid = world.Purchase(20_00);
        (paid.GiftCardNumber, paid.GiftCardMinor) = (card.Card.Number, 12_50);
        var receipt = await world.RecordAsync(paid);
        Assert.True(receipt.Succeeded, Accounts.Describe(receipt.Errors));
        Assert.Equal(12_50L, receipt.Value!.GiftCardPaidMinor);
        Assert.Equal(17_50L, (await GiftCardHelpers.StoredAsync(app, card.Card.Id)).BalanceMinor);

        Assert.True((await world.VoidAsync(receipt.Value.PurchaseId)).Succeeded);
        Assert.Equal(30_00L, (await GiftCardHelpers.StoredAsync(app, card.Card.Id)).BalanceMinor);
        var kinds = (await GiftCardHelpers.EntriesAsync(app, card.Card.Id)).Select(e => e.Kind).ToList();
        Assert.Equal([GiftCardEntryKind.Issue, GiftCardEntryKind.Redeem, GiftCardEntryKind.Reversal], kinds);
    }
}

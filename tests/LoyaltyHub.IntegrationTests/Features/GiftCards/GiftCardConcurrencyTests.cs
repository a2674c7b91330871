using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.GiftCards.GiftCardHelpers;

namespace LoyaltyHub.IntegrationTests.Features.GiftCards;

/// <summary>Two terminals spending one card at once, and purchase payments inside a transaction.</summary>
public sealed class GiftCardConcurrencyTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_two_concurrent_redemptions_that_the_balance_covers_once_exactly_one_succeeds(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        for (var i = 0; i < 100; i++)
        {
            var card = await SellPhysicalAsync(app, merchant.TenantId, "10");
            using var start = new ManualResetEventSlim();
            var terminals = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await CallAsync(app, merchant.TenantId, s => s.RedeemAsync(card.Card.Number, 600, null, "staff-id"));
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(terminals);

            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.StartsWith(GiftCardLedger.NotEnough, results.Single(r => !r.Succeeded).Errors["Amount"][0], StringComparison.Ordinal);
            var entries = await EntriesAsync(app, card.Card.Id);
            Assert.Equal([1000L, -600L], entries.Select(e => e.AmountMinor));
            Assert.Equal(400L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_payment_debited_and_reversed_in_a_purchase_transaction_restores_the_balance_exactly(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var card = await SellPhysicalAsync(app, merchant.TenantId, "30");
        var purchase = Guid.NewGuid();

        var debited = await InPurchaseAsync(app, merchant.TenantId, (payments, db) => payments.DebitAsync(db, card.Card.Number, 1234, purchase, default));
        Assert.True(debited.Succeeded, Accounts.Describe(debited.Errors));
        Assert.Equal(3000L - 1234L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
        var tooMuch = await InPurchaseAsync(app, merchant.TenantId, (payments, db) => payments.DebitAsync(db, card.Card.Number, 5000, Guid.NewGuid(), default));
        Assert.False(tooMuch.Succeeded);

        // Reversed twice (a retried void): the second call finds nothing left to give back.
        for (var i = 0; i < 2; i++)
        {
            await InPurchaseAsync(app, merchant.TenantId, async (payments, db) =>
            {
                await payments.ReverseAsync(db, purchase, default);
                return true;
            });
        }

        var entries = await EntriesAsync(app, card.Card.Id);
        Assert.Equal([(GiftCardEntryKind.Issue, 3000L), (GiftCardEntryKind.Redeem, -1234L), (GiftCardEntryKind.Reversal, 1234L)],
            entries.Select(e => (e.Kind, e.AmountMinor)));
        Assert.All(entries.Skip(1), e => Assert.Equal(purchase, e.PurchaseKey));
        Assert.Equal(3000L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_concurrent_voids_of_one_purchase_give_the_value_back_once(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        for (var i = 0; i < 10; i++)
        {
            var card = await SellPhysicalAsync(app, merchant.TenantId, "30");
            var purchase = Guid.NewGuid();
            await InPurchaseAsync(app, merchant.TenantId, (payments, db) => payments.DebitAsync(db, card.Card.Number, 1000, purchase, default));
            using var start = new ManualResetEventSlim();
            var voids = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await InPurchaseAsync(app, merchant.TenantId, async (payments, db) =>
                {
                    await payments.ReverseAsync(db, purchase, default);
                    return true;
                });
            })).ToList();
            start.Set();
            await Task.WhenAll(voids);

            Assert.Single(await EntriesAsync(app, card.Card.Id), e => e.Kind == GiftCardEntryKind.Reversal);
            Assert.Equal(3000L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_payment_rolled_back_with_its_purchase_leaves_no_trace(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var card = await SellPhysicalAsync(app, merchant.TenantId, "30");

        await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var debited = await sp.GetRequiredService<IGiftCardPayments>().DebitAsync(db, card.Card.Number, 1000, Guid.NewGuid(), default);
            Assert.True(debited.Succeeded);
            await transaction.RollbackAsync();
            return true;
        });

        Assert.Single(await EntriesAsync(app, card.Card.Id));
        Assert.Equal(3000L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction as the purchase service will; commits when it returns.</summary>
    private static Task<T> InPurchaseAsync<T>(TestApp app, Guid tenantId, Func<IGiftCardPayments, AppDbContext, Task<T>> work) =>
        app.AsTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await work(sp.GetRequiredService<IGiftCardPayments>(), db);
            await transaction.CommitAsync();
            return result;
        });
}

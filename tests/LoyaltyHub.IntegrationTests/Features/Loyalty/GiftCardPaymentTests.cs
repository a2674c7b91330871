using System.Collections.Concurrent;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>
/// The seam to the gift card feature, with a stand-in implementation registered by the test: a
/// refused debit rolls the whole purchase back; a void reverses the payment.
/// </summary>
public sealed class GiftCardPaymentTests
{
    private sealed class StandInGiftCards : IGiftCardPayments
    {
        public static ConcurrentDictionary<Guid, long> Debits { get; } = new();

        public static ConcurrentBag<Guid> Reversals { get; } = [];

        public Task<Result> DebitAsync(AppDbContext db, string cardNumber, long amountMinor, Guid purchaseKey, CancellationToken ct)
        {
            if (cardNumber == "000")
            {
                return Task.FromResult(Result.Fail(nameof(PurchaseInput.GiftCardNumber), "Not enough on the gift card."));
            }

            Debits[purchaseKey] = amountMinor;
            return Task.FromResult(Result.Ok());
        }

        public Task ReverseAsync(AppDbContext db, Guid purchaseKey, CancellationToken ct)
        {
            Reversals.Add(purchaseKey);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_debit_writes_nothing_and_a_void_reverses_the_payment(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var app = await TestApp.StartAsync(new TestApp(database,
            configureServices: s => s.AddScoped<IGiftCardPayments, StandInGiftCards>()));
        var world = await LedgerWorld.CreateAsync(app);

        var refused = world.Purchase(20_00);
        (refused.GiftCardNumber, refused.GiftCardMinor) = ("000", 5_00);
        var paid = world.Purchase(20_00);
        (paid.GiftCardNumber, paid.GiftCardMinor) = ("123", 50_00);

        var refusal = await world.RecordAsync(refused);
        Assert.Equal((0, 0, 0), await world.RowCountsAsync());
        var receipt = await world.RecordAsync(paid);

        Assert.Equal(["Not enough on the gift card."], refusal.Errors[nameof(PurchaseInput.GiftCardNumber)]);
        Assert.True(receipt.Succeeded, Accounts.Describe(receipt.Errors));
        // The card pays at most what is left to pay; points are earned on the whole amount after discounts.
        Assert.Equal((20_00L, 20L), (receipt.Value!.GiftCardPaidMinor, receipt.Value.PointsEarned));
        Assert.Equal(20_00L, StandInGiftCards.Debits[paid.IdempotencyKey]);
        Assert.True((await world.VoidAsync(receipt.Value.PurchaseId)).Succeeded);
        Assert.Contains(paid.IdempotencyKey, StandInGiftCards.Reversals);
    }
}

using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.GiftCards;

public static class GiftCardsFeature
{
    public static IServiceCollection AddGiftCards(this IServiceCollection services) => services
        .AddScoped<GiftCardService>()
        .AddScoped<IGiftCardPayments, GiftCardPayments>()
        .AddSingleton<ITransactionSource, GiftCardTransactions>()
        .AddTransactions();
}

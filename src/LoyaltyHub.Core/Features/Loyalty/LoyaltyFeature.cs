using LoyaltyHub.Core.Features.Transactions;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Loyalty;

public static class LoyaltyFeature
{
    public static IServiceCollection AddLoyalty(this IServiceCollection services) => services.AddScoped<LoyaltySettingsService>();

    /// <summary>
    /// Purchases, points expiry, reward programs, the customer's loyalty read model and the
    /// loyalty sources of transactions and personal-data exports. <see cref="IGiftCardPayments"/>
    /// is registered by the gift card feature.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services) => services
        .AddScoped<PurchaseService>()
        .AddScoped<PointsExpiry>()
        .AddScoped<Rewards.RewardService>()
        .AddScoped<CustomerLoyaltyQueries>()
        .AddScoped<Customers.IPersonalDataSource, PurchasesPersonalData>()
        .AddScoped<Customers.IPersonalDataSource, PointsPersonalData>()
        .AddSingleton<ITransactionSource, PurchaseTransactions>()
        .AddSingleton<ITransactionSource, PointTransactions>()
        .AddTransactions();
}

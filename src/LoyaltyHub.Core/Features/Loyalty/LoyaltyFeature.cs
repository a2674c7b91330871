using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Loyalty;

public static class LoyaltyFeature
{
    public static IServiceCollection AddLoyalty(this IServiceCollection services) => services.AddScoped<LoyaltySettingsService>();

    /// <summary>
    /// Purchases, points expiry and reward programs. No <see cref="IGiftCardPayments"/> is
    /// registered here: the gift card feature adds it, and until then gift-card payment is refused.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services) => services
        .AddScoped<PurchaseService>()
        .AddScoped<PointsExpiry>()
        .AddScoped<Rewards.RewardService>()
        .AddScoped<CustomerLoyaltyQueries>()
        .AddScoped<Customers.IPersonalDataSource, PurchasesPersonalData>()
        .AddScoped<Customers.IPersonalDataSource, PointsPersonalData>();
}

using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Loyalty;

public static class LoyaltyFeature
{
    public static IServiceCollection AddLoyalty(this IServiceCollection services) => services.AddScoped<LoyaltySettingsService>();
}

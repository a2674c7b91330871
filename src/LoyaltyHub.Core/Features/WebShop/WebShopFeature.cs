using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.WebShop;

public static class WebShopFeature
{
    public static IServiceCollection AddWebShop(this IServiceCollection services) =>
        services.AddScoped<WebShopService>().AddScoped<ShopCustomerService>().AddScoped<OrderQueries>();
}

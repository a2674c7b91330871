using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Catalog;

public static class CatalogFeature
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services.AddScoped<CatalogService>();
}

using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Demo;

/// <summary>The demo seed on each database: its own database, as the demo merchant's slug is fixed.</summary>
public sealed class DemoDataTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_merchant_gets_a_catalog_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        await app.InScopeAsync(async sp => { await sp.GetRequiredService<DemoData>().SeedAsync(); return true; });
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<DemoData>().SeedAsync(); return true; });

        var tenantId = await app.QueryAsync(db => db.Tenants.Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync());
        var categories = await app.AsTenantAsync(tenantId, sp => sp.GetRequiredService<CatalogService>().ListCategoriesAsync());
        Assert.Equal([("Coffee beans", 4), ("Drinks", 4), ("Equipment", 2)], categories.Select(c => (c.Name, c.ProductCount)));
        Assert.Equal(10, await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().CountAsync(p => p.TenantId == tenantId)));
    }
}

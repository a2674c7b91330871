using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.Core.Features.WebShop;
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

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_shops_have_web_shop_orders_to_collect(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<DemoData>().SeedAsync(); return true; });

        var tenantId = await app.QueryAsync(db => db.Tenants.Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync());
        var (ready, all) = await app.AsTenantAsync(tenantId, async sp =>
        {
            var orders = sp.GetRequiredService<OrderQueries>();
            return (await orders.ToCollectAsync(null), await orders.SearchAsync(new OrderSearch(), 0, 50));
        });
        Assert.Equal([("WEB-1001", "Downtown", "Alice Durand"), ("WEB-1002", "Harbour", "Bob Petit"), ("WEB-1003", "Downtown", "Camille Roux")],
            ready.Select(r => (r.Number, r.PickupShopName, r.Customer)));
        Assert.Equal(8, all.Total);
        var returned = await app.AsTenantAsync(tenantId, sp => sp.GetRequiredService<OrderQueries>().FindAsync(all.Rows.Single(r => r.Number == "WEB-1006").Id));
        Assert.Equal("RET-501", Assert.Single(returned!.Returns).ExternalId);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_merchant_gets_a_history_with_consistent_ledgers(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await app.InScopeAsync(async sp => { await sp.GetRequiredService<DemoData>().SeedAsync(); return true; });

        var tenantId = await app.QueryAsync(db => db.Tenants.Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync());
        Assert.Equal(5_000, await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == tenantId)));
        Assert.Equal(50_000, await app.QueryAsync(db => db.Set<Purchase>().IgnoreQueryFilters().CountAsync(p => p.TenantId == tenantId)));
        Assert.Equal(3, await app.QueryAsync(db => db.Set<RewardProgram>().IgnoreQueryFilters().CountAsync(p => p.TenantId == tenantId)));
        Assert.Equal(4, await app.QueryAsync(db => db.Set<GiftCard>().IgnoreQueryFilters().CountAsync(c => c.TenantId == tenantId)));
        Assert.True(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.TenantId == tenantId && c.Email == "alice@example.com")));

        // Every earn row expires; a sample of balances equals the ledger's sum and counts the purchases.
        Assert.False(await app.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters()
            .AnyAsync(e => e.TenantId == tenantId && e.Kind == PointKind.Earn && e.ExpiresAt == null)));
        var sample = await app.QueryAsync(db => db.Set<LoyaltyBalance>().IgnoreQueryFilters().Where(b => b.TenantId == tenantId)
            .OrderBy(b => b.CustomerId).Take(50).ToListAsync());
        Assert.Equal(50, sample.Count);
        foreach (var balance in sample)
        {
            var sum = await app.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters().Where(e => e.CustomerId == balance.CustomerId).SumAsync(e => e.Delta));
            var purchases = await app.QueryAsync(db => db.Set<Purchase>().IgnoreQueryFilters().CountAsync(p => p.CustomerId == balance.CustomerId));
            Assert.Equal(sum, balance.Points);
            Assert.Equal(purchases, balance.PurchaseCount);
        }

        // The history's lots already past their validity were expired by the seed, as the hourly job would.
        var zone = await app.QueryAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync());
        var dueBy = PointsExpiryJob.DueBy(DateTimeOffset.UtcNow, TimeZones.Find(zone));
        var ledgers = await app.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters().Where(e => e.TenantId == tenantId)
            .Select(e => new { e.CustomerId, Row = new LotRow(e.Id, e.Delta, e.Kind, e.ExpiresAt, e.LotId) }).ToListAsync());
        Assert.Contains(ledgers, e => e.Row.Kind == PointKind.Expire);
        Assert.Contains(ledgers, e => e.Row.Kind == PointKind.Earn && e.Row.ExpiresAt > dueBy);
        Assert.Empty(ledgers.GroupBy(e => e.CustomerId).Where(g => PointsFifo.Due(g.Select(e => e.Row).ToList(), dueBy).Count > 0).Select(g => g.Key));
    }
}

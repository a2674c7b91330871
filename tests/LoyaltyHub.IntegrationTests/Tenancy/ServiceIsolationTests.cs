using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Tenancy;

/// <summary>
/// Tenant isolation at the level Blazor event handlers work at: services resolved in a scope
/// acting for merchant A never read or change merchant B's shops, whatever id they are given.
/// </summary>
public sealed class ServiceIsolationTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Shop_service_of_merchant_A_cannot_see_or_change_merchant_B_shops(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShops = new[] { await Accounts.CreateShopAsync(app, a.TenantId), await Accounts.CreateShopAsync(app, a.TenantId) };
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);

        var (found, update, delete, list) = await app.AsTenantAsync(a.TenantId, async sp =>
        {
            var shops = sp.GetRequiredService<ShopService>();
            var hijack = new ShopInput { Name = "Hijacked", Email = "hijack@test.example" };
            return (await shops.FindAsync(bShop.Id), await shops.UpdateAsync(bShop.Id, hijack),
                await shops.DeleteAsync(bShop.Id), await shops.ListAsync());
        });

        Assert.Null(found);
        Assert.False(update.Succeeded);
        Assert.Equal(["The shop was not found."], update.Errors[""]);
        Assert.False(delete.Succeeded);
        Assert.Equal(["The shop was not found."], delete.Errors[""]);
        Assert.Equal(aShops.Select(s => s.Id).Order(), list.Select(s => s.Id).Order());
        Assert.DoesNotContain(list, s => s.Name == bShop.Name || s.StaffLogin == bShop.Email);

        // B's shop and its staff login are untouched in the database.
        var stored = await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == bShop.Id));
        Assert.NotNull(stored);
        Assert.Equal((bShop.Name, bShop.Email, b.TenantId), (stored.Name, stored.Email, stored.TenantId));
        Assert.True(await app.QueryAsync(db => db.Users.AnyAsync(u => u.ShopId == bShop.Id && u.TenantId == b.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Shop_service_of_merchant_B_still_sees_its_own_shop(string provider)
    {
        // The counterpart of the test above: the same calls succeed for the owner, so the
        // failures there come from isolation, not from a broken service.
        var app = await apps.GetAsync(provider);
        var b = await Accounts.SignUpMerchantAsync(app);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        var newName = Accounts.UniqueName("Renamed");

        var (found, update) = await app.AsTenantAsync(b.TenantId, async sp =>
        {
            var shops = sp.GetRequiredService<ShopService>();
            return (await shops.FindAsync(bShop.Id),
                await shops.UpdateAsync(bShop.Id, new ShopInput { Name = newName, Email = bShop.Email }));
        });

        Assert.Equal(bShop.Name, found?.Name);
        Assert.True(update.Succeeded, Accounts.Describe(update.Errors));
        Assert.Equal(newName, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().Where(s => s.Id == bShop.Id).Select(s => s.Name).SingleAsync()));
    }
}

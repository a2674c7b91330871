using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Tenancy;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Data;

/// <summary>
/// The save-time half of tenancy (TenantGuard in AppDbContext.SaveChanges and BulkInsert): writes
/// outside the current tenant throw before reaching the database, and new rows get the current tenant.
/// </summary>
public sealed class TenantGuardTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Adding_a_row_of_another_tenant_throws_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await AddTenantAsync(app), await AddTenantAsync(app));
        var name = Accounts.UniqueName("Foreign");

        var thrown = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Shops.Add(new Shop { TenantId = b, Name = name, Email = "x@test.example" });
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<TenantIsolationException>(thrown);
        Assert.False(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Name == name)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bulk_insert_claims_new_rows_for_the_tenant_and_writes_nothing_when_one_names_another(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await AddTenantAsync(app), await AddTenantAsync(app));
        var (mine, foreign) = (Accounts.UniqueName("Bulk"), Accounts.UniqueName("Foreign"));

        var thrown = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.InsertAsync([new Shop { Name = mine, Email = "x@test.example" }]);
            return await Record.ExceptionAsync(() => db.InsertAsync(
                [new Shop { Name = foreign, Email = "x@test.example" }, new Shop { TenantId = b, Name = foreign, Email = "x@test.example" }]));
        });

        Assert.IsType<TenantIsolationException>(thrown);
        Assert.Equal(a, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().Where(s => s.Name == mine).Select(s => s.TenantId).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Name == foreign)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Modifying_or_deleting_a_row_of_another_tenant_throws(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await AddTenantAsync(app), await AddTenantAsync(app));
        var bShop = await AddShopAsync(app, b);

        var onModify = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.Shops.IgnoreQueryFilters().SingleAsync(s => s.Id == bShop.Id);
            row.Name = "Hijacked";
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });
        var onDelete = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Shops.Remove(await db.Shops.IgnoreQueryFilters().SingleAsync(s => s.Id == bShop.Id));
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<TenantIsolationException>(onModify);
        Assert.IsType<TenantIsolationException>(onDelete);
        var stored = await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == bShop.Id));
        Assert.NotNull(stored);
        Assert.Equal(bShop.Name, stored.Name);
        Assert.Equal(b, stored.TenantId);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Moving_an_own_row_to_another_tenant_throws(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await AddTenantAsync(app), await AddTenantAsync(app));
        var aShop = await AddShopAsync(app, a);

        var thrown = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.Shops.SingleAsync(s => s.Id == aShop.Id);
            row.TenantId = b;
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<TenantIsolationException>(thrown);
        Assert.Equal(a, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().Where(s => s.Id == aShop.Id).Select(s => s.TenantId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_a_tenant_owned_row_with_no_tenant_in_scope_throws(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await AddTenantAsync(app);
        var name = Accounts.UniqueName("Orphan");

        var thrown = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.Null(db.CurrentTenantId);
            db.Shops.Add(new Shop { TenantId = a, Name = name, Email = "x@test.example" });
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<TenantIsolationException>(thrown);
        Assert.False(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Name == name)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task New_rows_get_the_current_tenant_and_reads_see_only_it(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await AddTenantAsync(app), await AddTenantAsync(app));
        var bShop = await AddShopAsync(app, b);

        var created = await app.AsTenantAsync(a, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var shop = new Shop { Name = Accounts.UniqueName("Stamped"), Email = "x@test.example" };
            Assert.Equal(Guid.Empty, shop.TenantId);
            db.Shops.Add(shop);
            await db.SaveChangesAsync();
            return shop;
        });
        var visibleToA = await app.AsTenantAsync(a, sp => sp.GetRequiredService<AppDbContext>().Shops.Select(s => s.Id).ToListAsync());

        Assert.Equal(a, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().Where(s => s.Id == created.Id).Select(s => s.TenantId).SingleAsync()));
        Assert.Equal([created.Id], visibleToA);
        Assert.DoesNotContain(bShop.Id, visibleToA);
    }

    private static Task<Guid> AddTenantAsync(TestApp app) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var name = Accounts.UniqueName("Tenant");
        var tenant = new Tenant { Name = name, Slug = name.Replace(' ', '-').ToUpperInvariant(), Country = "FR", Language = "en" };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    });

    private static Task<Shop> AddShopAsync(TestApp app, Guid tenantId) => app.AsTenantAsync(tenantId, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var shop = new Shop { Name = Accounts.UniqueName("Shop"), Email = "shop@test.example" };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return shop;
    });
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>LoyaltySettingsService as the loyalty settings page calls it, on each database.</summary>
public sealed class LoyaltySettingsServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_merchant_reads_the_defaults_and_has_no_row_until_it_saves(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var settings = await CallAsync(app, merchant.TenantId, s => s.GetAsync());

        Assert.Equal((1, "1.00", 12, "EUR", "Europe/Paris"),
            (settings.EarnPoints, settings.EarnSpend, settings.PointsValidityMonths, settings.Currency, settings.TimeZone));
        Assert.False(await app.QueryAsync(db => db.Set<LoyaltySettings>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_stores_the_rule_and_edits_the_tenant_s_currency_and_time_zone(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var input = new LoyaltySettingsInput { EarnPoints = 3, EarnSpend = "10,00", PointsValidityMonths = 24, Currency = "USD", TimeZone = "America/New_York" };

        var first = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));
        input.PointsValidityMonths = 18;
        var second = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));

        Assert.True(first.Succeeded && second.Succeeded, Accounts.Describe(first.Errors) + Accounts.Describe(second.Errors));
        var row = Assert.Single(await app.QueryAsync(db => db.Set<LoyaltySettings>().IgnoreQueryFilters().AsNoTracking().Where(s => s.TenantId == merchant.TenantId).ToListAsync()));
        Assert.Equal((3, 1000L, 18), (row.EarnPoints, row.EarnSpendMinor, row.PointsValidityMonths));
        Assert.Equal(new EarnRule(3, 1000), row.EarnRule);
        var tenant = await app.QueryAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == merchant.TenantId));
        Assert.Equal(("USD", "America/New_York"), (tenant.Currency, tenant.TimeZone));
        var read = await CallAsync(app, merchant.TenantId, s => s.GetAsync());
        Assert.Equal((3, "10.00", 18, "USD"), (read.EarnPoints, read.EarnSpend, read.PointsValidityMonths, read.Currency));

        // The other merchant still has the defaults and its own currency.
        var untouched = await CallAsync(app, other.TenantId, s => s.GetAsync());
        Assert.Equal((1, "1.00", 12, "EUR", "Europe/Paris"),
            (untouched.EarnPoints, untouched.EarnSpend, untouched.PointsValidityMonths, untouched.Currency, untouched.TimeZone));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_settings_are_reported_by_field_and_write_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var result = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(new LoyaltySettingsInput
        {
            EarnPoints = 5, EarnSpend = "0", PointsValidityMonths = 0, Currency = "JPY", TimeZone = "Romance Standard Time",
        }));

        Assert.False(result.Succeeded);
        Assert.Equal(
            [nameof(LoyaltySettingsInput.Currency), nameof(LoyaltySettingsInput.EarnSpend), nameof(LoyaltySettingsInput.PointsValidityMonths), nameof(LoyaltySettingsInput.TimeZone)],
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([MoneyTextAttribute.PositiveMessage], result.Errors[nameof(LoyaltySettingsInput.EarnSpend)]);
        Assert.False(await app.QueryAsync(db => db.Set<LoyaltySettings>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == merchant.TenantId)));
        var tenant = await app.QueryAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == merchant.TenantId));
        Assert.Equal(("EUR", "Europe/Paris"), (tenant.Currency, tenant.TimeZone));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Shop_multipliers_default_to_100_and_stay_in_their_tenant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var downtown = await Accounts.CreateShopAsync(app, a.TenantId, "Downtown " + Guid.NewGuid().ToString("N")[..6]);
        var harbour = await Accounts.CreateShopAsync(app, a.TenantId, "Harbour " + Guid.NewGuid().ToString("N")[..6]);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);

        var outcome = await CallAsync(app, a.TenantId, async s => new
        {
            Before = await s.ListShopMultipliersAsync(),
            Set = await s.SetShopMultiplierAsync(harbour.Id, 200),
            Reset = await s.SetShopMultiplierAsync(harbour.Id, 150),
            TooHigh = await s.SetShopMultiplierAsync(downtown.Id, 1001),
            Negative = await s.SetShopMultiplierAsync(downtown.Id, -1),
            Foreign = await s.SetShopMultiplierAsync(bShop.Id, 300),
            After = await s.ListShopMultipliersAsync(),
        });

        Assert.Equal([(downtown.Id, 100), (harbour.Id, 100)], outcome.Before.Select(m => (m.ShopId, m.Percent)));
        Assert.True(outcome.Set.Succeeded && outcome.Reset.Succeeded, Accounts.Describe(outcome.Set.Errors));
        Assert.Equal([LoyaltySettingsService.MultiplierMessage], outcome.TooHigh.Errors[nameof(ShopMultiplier.Percent)]);
        Assert.Equal([LoyaltySettingsService.MultiplierMessage], outcome.Negative.Errors[nameof(ShopMultiplier.Percent)]);
        Assert.Equal(["The shop was not found."], outcome.Foreign.Errors[""]);
        Assert.Equal([(downtown.Id, 100), (harbour.Id, 150)], outcome.After.Select(m => (m.ShopId, m.Percent)));
        var rows = await app.QueryAsync(db => db.Set<ShopEarnMultiplier>().IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.TenantId == a.TenantId || m.TenantId == b.TenantId).ToListAsync());
        Assert.Equal([(harbour.Id, 150, a.TenantId)], rows.Select(m => (m.ShopId, m.Percent, m.TenantId)));
        Assert.Equal([(bShop.Id, 100)], (await CallAsync(app, b.TenantId, s => s.ListShopMultipliersAsync())).Select(m => (m.ShopId, m.Percent)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deleting_a_shop_deletes_its_multiplier(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var set = await CallAsync(app, merchant.TenantId, s => s.SetShopMultiplierAsync(shop.Id, 200));
        Assert.True(set.Succeeded, Accounts.Describe(set.Errors));

        var deleted = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ShopService>().DeleteAsync(shop.Id));

        Assert.True(deleted.Succeeded, Accounts.Describe(deleted.Errors));
        Assert.False(await app.QueryAsync(db => db.Set<ShopEarnMultiplier>().IgnoreQueryFilters().AnyAsync(m => m.ShopId == shop.Id)));
    }

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<LoyaltySettingsService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<LoyaltySettingsService>()));
}

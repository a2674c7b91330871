using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Staff;

/// <summary>StaffPermissionsService as the staff settings page calls it, on each database.</summary>
public sealed class StaffPermissionsServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Everything_is_off_until_a_manager_allows_it_for_its_own_tenant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);

        var before = await CallAsync(app, a.TenantId, s => s.GetAsync());
        var saved = await CallAsync(app, a.TenantId, s => s.SaveAsync(
            new StaffPermissionsInput { SendIndividualMessages = true, SendOrderReadyNotices = true, NotifyOtherShopsOrders = true }));
        var narrowed = await CallAsync(app, a.TenantId, s => s.SaveAsync(new StaffPermissionsInput { SendOrderReadyNotices = true }));

        Assert.Equal((false, false, false), Flags(before));
        Assert.True(saved.Succeeded && narrowed.Succeeded, Accounts.Describe(saved.Errors) + Accounts.Describe(narrowed.Errors));
        Assert.Equal((false, true, false), Flags(await CallAsync(app, a.TenantId, s => s.GetAsync())));
        var row = Assert.Single(await app.QueryAsync(db => db.Set<StaffPermissions>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.TenantId == a.TenantId || p.TenantId == b.TenantId).ToListAsync()));
        Assert.Equal(a.TenantId, row.TenantId);
        Assert.Equal((false, false, false), Flags(await CallAsync(app, b.TenantId, s => s.GetAsync())));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Other_shops_orders_without_order_ready_notices_is_refused_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var result = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(
            new StaffPermissionsInput { SendIndividualMessages = true, NotifyOtherShopsOrders = true }));

        Assert.Equal([StaffPermissionsInput.OtherShopsNeedsOrderReady], result.Errors[nameof(StaffPermissionsInput.NotifyOtherShopsOrders)]);
        Assert.False(await app.QueryAsync(db => db.Set<StaffPermissions>().IgnoreQueryFilters().AnyAsync(p => p.TenantId == merchant.TenantId)));
    }

    private static (bool, bool, bool) Flags(StaffPermissions p) => (p.SendIndividualMessages, p.SendOrderReadyNotices, p.NotifyOtherShopsOrders);

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<StaffPermissionsService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<StaffPermissionsService>()));
}

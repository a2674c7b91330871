using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Shops;

/// <summary>ShopService as the manager's shop pages call it: each shop comes with its staff login.</summary>
public sealed class ShopServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_a_shop_creates_its_staff_login_and_mails_the_activation_link(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var input = new ShopInput { Name = Accounts.UniqueName("Downtown"), Email = Accounts.UniqueEmail("downtown"), Phone = "+33 1 23 45 67 89" };

        var result = await CallAsync(app, merchant.TenantId, s => s.CreateAsync(input));

        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        var shop = await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Name == input.Name));
        Assert.Equal((merchant.TenantId, input.Email, input.Phone), (shop.TenantId, shop.Email, shop.Phone));
        Assert.Equal(result.Value!.Id, shop.Id);

        var staff = await app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.ShopId == shop.Id));
        Assert.Equal((LoginNames.ForBackOffice(input.Email), input.Email, merchant.TenantId), (staff.UserName, staff.Email, staff.TenantId));
        Assert.False(staff.EmailConfirmed);
        Assert.Null(staff.PasswordHash);
        var roles = await app.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(staff));
        Assert.Equal([Roles.Staff], roles);

        var mail = await Accounts.LastMailToAsync(app, input.Email);
        Assert.NotNull(mail);
        Assert.Equal(merchant.TenantId, mail.TenantId);
        Assert.Contains("/Account/Activate?userId=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Activate?userId=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"userId={staff.Id}", Accounts.LinkIn(mail, "/Account/Activate"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Duplicate_name_is_a_name_error_and_adds_no_row(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var first = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var secondEmail = Accounts.UniqueEmail("second");

        // Surrounding spaces are trimmed before the comparison.
        var result = await CallAsync(app, merchant.TenantId,
            s => s.CreateAsync(new ShopInput { Name = $"  {first.Name} ", Email = secondEmail }));

        Assert.False(result.Succeeded);
        Assert.Equal(["Another shop already has this name."], result.Errors[nameof(ShopInput.Name)]);
        Assert.Equal(1, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().CountAsync(s => s.Name == first.Name)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == secondEmail)));
        Assert.Null(await Accounts.LastMailToAsync(app, secondEmail));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Same_name_at_another_merchant_is_fine(string provider)
    {
        // Shop names are unique per tenant (index TenantId+Name), not across the platform.
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);

        var result = await CallAsync(app, b.TenantId, s => s.CreateAsync(new ShopInput { Name = aShop.Name, Email = Accounts.UniqueEmail("twin") }));

        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        Assert.Equal(2, await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().CountAsync(s => s.Name == aShop.Name)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_email_is_an_email_error_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var name = Accounts.UniqueName("Nowhere");
        var mailsBefore = await app.QueryAsync(db => db.DevMails.CountAsync());

        var result = await CallAsync(app, merchant.TenantId, s => s.CreateAsync(new ShopInput { Name = name, Email = "not-an-email" }));

        Assert.False(result.Succeeded);
        Assert.Equal(["Enter a valid email address."], result.Errors[nameof(ShopInput.Email)]);
        Assert.False(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Name == name)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == name)));
        Assert.Equal(mailsBefore, await app.QueryAsync(db => db.DevMails.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deleting_a_shop_removes_it_and_its_staff_login(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var doomed = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var kept = await Accounts.CreateShopAsync(app, merchant.TenantId);

        var result = await CallAsync(app, merchant.TenantId, s => s.DeleteAsync(doomed.Id));

        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        Assert.False(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Id == doomed.Id)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.ShopId == doomed.Id || u.Email == doomed.Email)));
        Assert.True(await app.QueryAsync(db => db.Shops.IgnoreQueryFilters().AnyAsync(s => s.Id == kept.Id)));
        Assert.True(await app.QueryAsync(db => db.Users.AnyAsync(u => u.ShopId == kept.Id)));
        // The address is free again: a new shop may use it for its login.
        var again = await CallAsync(app, merchant.TenantId, s => s.CreateAsync(new ShopInput { Name = doomed.Name, Email = doomed.Email }));
        Assert.True(again.Succeeded, Accounts.Describe(again.Errors));
    }

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<ShopService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<ShopService>()));
}

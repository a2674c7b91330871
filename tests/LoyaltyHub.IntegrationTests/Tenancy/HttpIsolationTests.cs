using System.Net;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Tenancy;

/// <summary>
/// Tenant isolation through the app's HTTP surface, signed in through the real login form: a
/// manager, a staff member and a customer of merchant A never reach merchant B's pages.
/// </summary>
public sealed class HttpIsolationTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manager_of_A_gets_404_for_B_shop_and_sees_own_shop(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        using var foreign = await manager.GetAsync($"/manage/shops/{bShop.Id}");
        var foreignBody = await foreign.Content.ReadAsStringAsync();
        using var own = await manager.GetAsync($"/manage/shops/{aShop.Id}");
        var ownBody = await own.Content.ReadAsStringAsync();

        Assert.True(foreign.StatusCode == HttpStatusCode.NotFound, $"B's shop answered {(int)foreign.StatusCode}:\n{foreignBody}");
        Assert.DoesNotContain(bShop.Name, foreignBody, StringComparison.Ordinal);
        Assert.DoesNotContain(bShop.Email, foreignBody, StringComparison.Ordinal);
        Assert.Contains("Page not found", foreignBody, StringComparison.Ordinal);
        Assert.True(own.StatusCode == HttpStatusCode.OK, $"A's shop answered {(int)own.StatusCode}:\n{ownBody}");
        Assert.Contains(aShop.Name, ownBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manager_shop_list_shows_only_own_shops(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        using var response = await manager.GetAsync("/manage/shops");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(aShop.Name, body, StringComparison.Ordinal);
        Assert.DoesNotContain(bShop.Name, body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_of_A_cannot_open_the_manager_portal(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, a.TenantId);
        using var staff = app.CreateBrowser();
        await ActivateStaffAsync(app, staff, shop);

        using var counter = await staff.GetAsync("/counter");
        using var manage = await staff.GetAsync("/manage");
        var manageBody = await manage.Content.ReadAsStringAsync();

        // Signed in as the shop's staff: the counter shows the shop.
        Assert.Equal(HttpStatusCode.OK, counter.StatusCode);
        Assert.Contains(shop.Name, await counter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Not a manager: the authorization middleware forbids, i.e. redirects to Access denied.
        Assert.True(manage.StatusCode == HttpStatusCode.Redirect, $"/manage answered {(int)manage.StatusCode} to staff:\n{manageBody}");
        var denied = manage.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/Account/AccessDenied", denied, StringComparison.Ordinal);
        using var deniedPage = await staff.GetAsync(denied);
        var deniedHtml = await deniedPage.Content.ReadAsStringAsync();
        Assert.Contains("Access denied", deniedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome", deniedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("shop-count", deniedHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customer_of_A_gets_404_on_B_page_and_sees_own_page(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("customer");
        await Accounts.CreateCustomerAsync(app, a.TenantId, email);
        using var customer = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(customer, email, tenantSlug: a.Slug);

        using var foreign = await customer.GetAsync($"/me/{b.Slug}");
        var foreignBody = await foreign.Content.ReadAsStringAsync();
        using var own = await customer.GetAsync($"/me/{a.Slug}");
        var ownBody = await own.Content.ReadAsStringAsync();

        Assert.True(foreign.StatusCode == HttpStatusCode.NotFound, $"/me/{b.Slug} answered {(int)foreign.StatusCode}:\n{foreignBody}");
        Assert.DoesNotContain(b.Company, foreignBody, StringComparison.Ordinal);
        Assert.True(own.StatusCode == HttpStatusCode.OK, $"/me/{a.Slug} answered {(int)own.StatusCode}:\n{ownBody}");
        Assert.Contains(a.Company, ownBody, StringComparison.Ordinal);
    }

    /// <summary>Follows the activation link mailed for the shop's staff login and chooses a password.</summary>
    private static async Task ActivateStaffAsync(TestApp app, HttpClient client, Shop shop)
    {
        var mail = await Accounts.LastMailToAsync(app, shop.Email);
        Assert.NotNull(mail);
        using var response = await HtmlForms.SubmitAsync(client, Accounts.LinkIn(mail, "/Account/Activate"), "activate",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Activation answered {(int)response.StatusCode}:\n{body}");
        Assert.EndsWith("portal", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

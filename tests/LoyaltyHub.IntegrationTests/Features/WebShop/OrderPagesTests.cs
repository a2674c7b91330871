using System.Net;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.WebShop;

/// <summary>
/// The order pages over HTTP (their prerendered HTML), signed in through the login form: who may
/// open which page, which shop's orders staff see, and other merchants' orders answering 404.
/// </summary>
public sealed class OrderPagesTests(TestApps apps) : IClassFixture<TestApps>
{
    private static readonly DateTimeOffset Placed = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manager_sees_own_orders_and_gets_404_for_another_merchants(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await Accounts.SignUpMerchantAsync(app), await Accounts.SignUpMerchantAsync(app));
        var shop = await Accounts.CreateShopAsync(app, a.TenantId);
        var mine = await OrderHelpers.CreateAsync(app, a.TenantId, Number("M"), "Lea", "Martin", "processing", "confirmed", shop.Id, Placed);
        var theirNumber = Number("T");
        var theirs = await OrderHelpers.CreateAsync(app, b.TenantId, theirNumber, "Hugo", "Bernard", "processing", null, null, Placed);
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        var own = await GetAsync(manager, $"/manage/orders/{mine}");
        var foreign = await GetAsync(manager, $"/manage/orders/{theirs}");
        var counter = await GetAsync(manager, "/counter/orders");

        Assert.True(own.Status == HttpStatusCode.OK, own.Body);
        Assert.Contains("Lea Martin", own.Body, StringComparison.Ordinal);
        Assert.Contains("43.00 EUR", own.Body, StringComparison.Ordinal);
        Assert.Contains(shop.Name, own.Body, StringComparison.Ordinal);
        Assert.Contains(OrderReadyAccess.NotReady, own.Body.Replace("&quot;", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.DoesNotContain(theirNumber, foreign.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Hugo", foreign.Body, StringComparison.Ordinal);
        // Managers may use the counter's order list; with no shop of their own they start on every shop.
        Assert.True(counter.Status == HttpStatusCode.OK, counter.Body);
        Assert.Contains("All shops", counter.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_see_their_shops_orders_with_the_button_explained_and_nothing_of_other_shops(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var north = await Accounts.CreateShopAsync(app, a.TenantId);
        var south = await Accounts.CreateShopAsync(app, a.TenantId);
        var (here, there) = (Number("N"), Number("S"));
        await OrderHelpers.CreateAsync(app, a.TenantId, there, "Ines", "Moreau", "ready", null, south.Id, Placed);
        var ready = await OrderHelpers.CreateAsync(app, a.TenantId, here, "Lea", "Martin", "ready", "confirmed", north.Id, Placed);
        var elsewhere = await OrderHelpers.CreateAsync(app, a.TenantId, Number("S"), "Hugo", "Bernard", "processing", null, south.Id, Placed);
        using var staff = app.CreateBrowser();
        await ActivateStaffAsync(app, staff, north);

        var list = await GetAsync(staff, "/counter/orders");
        var order = await GetAsync(staff, $"/counter/orders/{ready}");
        var otherShop = await GetAsync(staff, $"/counter/orders/{elsewhere}");
        var manage = await GetAsync(staff, "/manage/orders");

        Assert.True(list.Status == HttpStatusCode.OK, list.Body);
        Assert.Contains(here, list.Body, StringComparison.Ordinal);
        Assert.Contains("43.00 EUR", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(there, list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("All shops", list.Body, StringComparison.Ordinal);
        // Order-ready notices are off until the manager allows them: the button is disabled and says why.
        Assert.True(order.Status == HttpStatusCode.OK, order.Body);
        Assert.Contains("Coffee beans", order.Body, StringComparison.Ordinal);
        Assert.Contains(OrderReadyAccess.StaffNotAllowed, order.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ready-notice-send", order.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherShop.Status);
        Assert.DoesNotContain("Hugo", otherShop.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, manage.Status);

        // Once staff may notify for every shop, other shops' orders open and the list offers the shop switch.
        var allowed = await app.AsTenantAsync(a.TenantId, sp => sp.GetRequiredService<StaffPermissionsService>().SaveAsync(
            new StaffPermissionsInput { SendOrderReadyNotices = true, NotifyOtherShopsOrders = true }));
        Assert.True(allowed.Succeeded);
        var opened = await GetAsync(staff, $"/counter/orders/{elsewhere}");
        Assert.True(opened.Status == HttpStatusCode.OK, opened.Body);
        Assert.Contains("Hugo Bernard", opened.Body, StringComparison.Ordinal);
        Assert.Contains(OrderReadyAccess.NotReady, opened.Body.Replace("&quot;", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var widened = (await GetAsync(staff, "/counter/orders")).Body;
        Assert.Contains("All shops", widened, StringComparison.Ordinal);
        Assert.DoesNotContain(there, widened, StringComparison.Ordinal); // still their own shop until they switch
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Customers_and_strangers_cannot_open_the_order_pages(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("customer");
        await Accounts.CreateCustomerAsync(app, a.TenantId, email);
        using var customer = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(customer, email, tenantSlug: a.Slug);
        using var stranger = app.CreateBrowser();

        foreach (var path in new[] { "/counter/orders", "/manage/orders" })
        {
            var asCustomer = await GetAsync(customer, path);
            var anonymous = await GetAsync(stranger, path);
            Assert.Equal(HttpStatusCode.Redirect, asCustomer.Status);
            Assert.StartsWith("/Account/AccessDenied", asCustomer.Location, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
            Assert.StartsWith("/Account/Login", anonymous.Location, StringComparison.Ordinal);
        }
    }

    private static string Number(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<(HttpStatusCode Status, string Body, string Location)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.PathAndQuery() ?? "");
    }

    /// <summary>Follows the activation link mailed for the shop's staff login and chooses a password, which signs it in.</summary>
    private static async Task ActivateStaffAsync(TestApp app, HttpClient client, Shop shop)
    {
        var mail = await Accounts.LastMailToAsync(app, shop.Email);
        Assert.NotNull(mail);
        using var response = await HtmlForms.SubmitAsync(client, Accounts.LinkIn(mail, "/Account/Activate"), "activate",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

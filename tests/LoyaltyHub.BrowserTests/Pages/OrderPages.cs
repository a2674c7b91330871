using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests.Pages;

/// <summary>Web-shop orders: one pushed through the integration API as a shop's module does, and the order screens.</summary>
public static partial class OrderPages
{
    /// <summary>
    /// As the merchant's manager: reads the shop's id from the shop list and the API key and secret from
    /// "My account", then posts each order, collected at that shop, to /api/v1/orders.
    /// </summary>
    public static async Task PlaceOrdersAsync(IPage manager, string shopName, params (string Number, string Status, long Amount)[] orders)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(orders);
        await manager.GotoAsync("manage/shops");
        var shopLink = manager.GetByTestId("shop-grid").GetByRole(AriaRole.Link, new() { Name = shopName, Exact = true });
        var href = await shopLink.GetAttributeAsync("href") ?? "";
        var shopId = int.Parse(ShopId().Match(href).Groups[1].Value, CultureInfo.InvariantCulture);

        await manager.GotoAsync("manage/account");
        await Flows.WaitForInteractiveAsync(manager);
        var key = await manager.GetByTestId("api-key").InnerTextAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Show secret and token" }).ClickAsync();
        var secretBox = manager.Locator("dt:text-is('API secret') + dd code");
        await Expect(secretBox).Not.ToContainTextAsync("•");
        var secret = await secretBox.InnerTextAsync();

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));
        foreach (var (number, status, amount) in orders)
        {
            var response = await manager.Context.APIRequest.PostAsync("api/v1/orders", new()
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = $"Basic {basic}" },
                DataObject = new
                {
                    number,
                    amount,
                    currency = "EUR",
                    status,
                    paymentState = "confirmed",
                    pickupShopId = shopId,
                    customer = new { email = Account.UniqueEmail("buyer"), phone = "+33612345678", firstName = "Camille", lastName = "Roux", language = "fr" },
                    lines = new[] { new { productCode = "BEAN-1", name = "Ethiopia beans 250 g", quantity = 2, unitPrice = amount / 2 } },
                },
            });
            Assert.True(response.Status == 201, $"POST /api/v1/orders answered {response.Status}: {await response.TextAsync()}");
        }
    }

    /// <summary>/counter/orders: the staff member's shop, ready orders (the default filter).</summary>
    public static async Task<ILocator> CounterListAsync(IPage staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await staff.GotoAsync("counter/orders");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Orders to collect", Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(staff);
        return staff.GetByTestId("counter-order");
    }

    /// <summary>/manage/orders searched for <paramref name="text"/>: the grid's rows.</summary>
    public static async Task<ILocator> ManagerListAsync(IPage manager, string text)
    {
        ArgumentNullException.ThrowIfNull(manager);
        await manager.GotoAsync("manage/orders");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Orders", Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(manager);
        await manager.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
        await manager.GetByTestId("order-apply").ClickAsync();
        return manager.GetByTestId("order-grid").Locator("tbody tr");
    }

    [GeneratedRegex(@"manage/shops/(\d+)$")]
    private static partial Regex ShopId();
}

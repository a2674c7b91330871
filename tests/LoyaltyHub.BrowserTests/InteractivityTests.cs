using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>The Blazor script (blazor.web.js, taken from ASP.NET Core 9) and Radzen's run the home page's calculator.</summary>
[Collection(SharedApp.Name)]
public sealed class InteractivityTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Basket_buttons_update_the_basket_and_the_points_badge() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        var assets = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "script" or "stylesheet" or "font" or "image")
            {
                lock (assets)
                {
                    assets.Add((response.Url, response.Status));
                }
            }
        };

        await page.GotoAsync("");
        var basket = page.GetByTestId("basket");
        var points = page.GetByTestId("points");
        await Expect(basket).ToHaveTextAsync("Basket: 25.00");
        await Expect(points).ToHaveTextAsync("25 points");
        await Flows.WaitForInteractiveAsync(page);

        var plus = page.GetByTestId("basket-plus");
        await plus.ClickAsync();
        await Expect(basket).ToHaveTextAsync("Basket: 35.00");
        await Expect(points).ToHaveTextAsync("35 points");
        await plus.ClickAsync();
        await Expect(basket).ToHaveTextAsync("Basket: 45.00");
        await Expect(points).ToHaveTextAsync("45 points");

        // The page's scripts and styles were served from the app's output folder: Blazor's script,
        // Radzen's script and theme, the app's own; none failed.
        (string Url, int Status)[] loaded;
        lock (assets)
        {
            loaded = [.. assets];
        }

        Assert.Contains(loaded, a => a.Url.Contains("/_framework/blazor.web.", StringComparison.Ordinal) && a.Status == 200);
        Assert.Contains(loaded, a => a.Url.Contains("/_content/Radzen.Blazor/Radzen.Blazor.", StringComparison.Ordinal) && a.Status == 200);
        Assert.Contains(loaded, a => a.Url.Contains("/_content/Radzen.Blazor/css/", StringComparison.Ordinal) && a.Status == 200);
        Assert.All(loaded, a => Assert.True(a.Status < 400, $"{a.Url} answered {a.Status}"));
    });
}

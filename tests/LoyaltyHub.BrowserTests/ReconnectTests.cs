using System.Diagnostics;
using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>
/// The server restarts under an open interactive page: the reconnect UI shows while it is down, and
/// afterwards the page is usable again. The browser script is ASP.NET Core 9's blazor.web.js: with
/// the app's own #components-reconnect-modal it puts components-reconnect-show on it while retrying,
/// then components-reconnect-rejected once the new server answers without the old circuit (or
/// -failed when it gives up); the markup's "Reload the page" link then loads a new page.
/// This class has its own app process, since it stops and starts it.
/// </summary>
public sealed partial class ReconnectTests(AppFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output), IClassFixture<AppFixture>
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Page_is_usable_again_after_the_server_restarts() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await page.GotoAsync("");
        await Flows.WaitForInteractiveAsync(page);
        var basket = page.GetByTestId("basket");
        await page.GetByTestId("basket-plus").ClickAsync();
        await Expect(basket).ToHaveTextAsync("Basket: 35.00");
        var modal = page.Locator("#components-reconnect-modal");
        await Expect(modal).ToBeHiddenAsync();
        await page.EvaluateAsync("() => { window.__beforeRestart = 1; }");

        // Down: the reconnect UI says so.
        await App.StopAsync();
        await Expect(modal).ToHaveClassAsync(Shown());
        await Expect(modal.GetByText("Connection lost. Reconnecting…")).ToBeVisibleAsync();

        // Up again, same port and database.
        await App.StartAsync();
        var clock = Stopwatch.StartNew();
        var outcome = await RecoverAsync(page, modal);
        Output.WriteLine($"Recovered by {outcome} {clock.Elapsed.TotalSeconds:0.0} s after the restart.");

        // A new page and circuit: the basket starts again from 25.00 and the buttons work.
        await Expect(basket).ToHaveTextAsync("Basket: 25.00", new() { Timeout = 30_000 });
        await Flows.WaitForInteractiveAsync(page);
        await Expect(modal).ToBeHiddenAsync();
        await page.GetByTestId("basket-plus").ClickAsync();
        await Expect(basket).ToHaveTextAsync("Basket: 35.00");
        Assert.True(clock.Elapsed < RecoveryTimeout + TimeSpan.FromSeconds(10), $"recovery took {clock.Elapsed}");
    });

    /// <summary>
    /// Waits for the page to reload itself, or for the reconnect UI to give up (rejected or failed)
    /// and then follows its "Reload the page" link. Returns which happened.
    /// </summary>
    private static async Task<string> RecoverAsync(IPage page, ILocator modal)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < RecoveryTimeout)
        {
            try
            {
                if (await page.EvaluateAsync<int?>("() => window.__beforeRestart") is null)
                {
                    return "reloading by itself";
                }

                var state = await modal.GetAttributeAsync("class", new() { Timeout = 2_000 }) ?? "";
                if (state.Contains("components-reconnect-rejected", StringComparison.Ordinal)
                    || state.Contains("components-reconnect-failed", StringComparison.Ordinal))
                {
                    var reload = modal.GetByRole(AriaRole.Link, new() { Name = "Reload the page" });
                    await Expect(reload).ToBeVisibleAsync();
                    await Task.WhenAll(page.WaitForLoadStateAsync(LoadState.Load), reload.ClickAsync());
                    await page.WaitForFunctionAsync("() => window.__beforeRestart === undefined");
                    return $"the Reload link ({state.Trim()})";
                }
            }
            catch (PlaywrightException)
            {
                // The page navigated while being read: look again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"Within {RecoveryTimeout.TotalSeconds} s of the restart the page neither reloaded nor showed a rejected or failed reconnect UI.");
    }

    [GeneratedRegex(@"\bcomponents-reconnect-show\b")]
    private static partial Regex Shown();
}

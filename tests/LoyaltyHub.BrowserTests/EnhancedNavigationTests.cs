using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>Moving between back-office pages keeps the document: no full page load.</summary>
[Collection(SharedApp.Name)]
public sealed class EnhancedNavigationTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Sidebar_link_changes_the_page_without_a_full_load() => RunAsync(async () =>
    {
        var page = await NewPageAsync("manager");
        await Flows.SignInAsync(page, await Fixture.ManagerAsync());
        await Expect(page).ToHaveURLAsync(Url("manage"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);

        // A marker in the window survives only if the document is not loaded again.
        await page.EvaluateAsync("() => { window.__marker = 1; }");
        var documentRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType == "document")
            {
                lock (documentRequests)
                {
                    documentRequests.Add(request.Url);
                }
            }
        };

        await page.GetByRole(AriaRole.Menu).GetByRole(AriaRole.Link, new() { Name = "Shops", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("manage/shops"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-shop")).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__marker"));
        lock (documentRequests)
        {
            Assert.Empty(documentRequests);
        }

        // The browser's history follows: Back returns to the overview, still in the same document.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(Url("manage"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__marker"));
    });
}

using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>The shop form refuses bad input with a message at each field, and creates nothing.</summary>
[Collection(SharedApp.Name)]
public sealed partial class ShopFormValidationTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Empty_name_and_bad_email_show_field_messages_and_create_no_shop() => RunAsync(async () =>
    {
        var page = await NewPageAsync("manager");
        await Flows.SignInAsync(page, await Fixture.ManagerAsync());
        await page.GotoAsync("manage/shops");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Exact = true })).ToBeVisibleAsync();
        var rows = page.GetByTestId("shop-grid").Locator("tbody tr");
        var before = await rows.AllTextContentsAsync();
        var emptyBefore = await page.GetByText("No shop yet.").IsVisibleAsync();

        await Flows.WaitForInteractiveAsync(page);
        await page.GetByTestId("new-shop").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("manage/shops/new"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New shop" })).ToBeVisibleAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("not-an-email");
        await page.GetByTestId("save-shop").ClickAsync();

        // Each message stands under its own field (FormField: label, input, hint, messages).
        await Expect(Field(page, "Name").Locator(".text-danger")).ToHaveTextAsync("Give the shop a name.");
        await Expect(Field(page, "Email").Locator(".text-danger")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(Field(page, "Phone").Locator(".text-danger")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveClassAsync(Invalid());
        await Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveClassAsync(Invalid());
        await Expect(page).ToHaveURLAsync(Url("manage/shops/new"));

        // Nothing was created: the list is as it was.
        await page.GotoAsync("manage/shops");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Exact = true })).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(before.Count);
        Assert.Equal(before, await rows.AllTextContentsAsync());
        Assert.Equal(emptyBefore, await page.GetByText("No shop yet.").IsVisibleAsync());
        Assert.DoesNotContain("not-an-email", await page.ContentAsync(), StringComparison.Ordinal);
    });

    private static ILocator Field(IPage page, string label) =>
        page.Locator("div.mb-3").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) });

    [GeneratedRegex(@"\binvalid\b")]
    private static partial Regex Invalid();
}

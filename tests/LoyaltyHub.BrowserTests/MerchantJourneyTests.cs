using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests;

/// <summary>A merchant signs up, confirms by email, creates a shop; the shop's staff activates its login.</summary>
[Collection(SharedApp.Name)]
public sealed partial class MerchantJourneyTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Merchant_signs_up_creates_a_shop_and_its_staff_activates_and_signs_out() => RunAsync(async () =>
    {
        var merchant = Account.NewManager("Journey");
        var page = await NewPageAsync("merchant");

        // Sign up, then confirm from the development outbox: signed in on the back office.
        await Flows.SignUpAsync(page, merchant);
        await Flows.FollowMailLinkAsync(page, merchant.Email, "Confirm my account");
        await Expect(page).ToHaveURLAsync(Url("manage"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
        await Expect(page.Locator(".user-name")).ToHaveTextAsync(merchant.Name);

        // A new shop.
        var shopName = $"Rue Neuve {Guid.NewGuid().ToString("N")[..8]}";
        var shopEmail = Account.UniqueEmail("shop");
        await page.GotoAsync("manage/shops");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Exact = true })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
        await page.GetByTestId("new-shop").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("manage/shops/new"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(shopName);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(shopEmail);
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+33 1 23 45 67 89");
        await page.GetByTestId("save-shop").ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("manage/shops"));
        var row = page.GetByTestId("shop-grid").Locator("tbody tr").Filter(new() { HasText = shopName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("awaiting activation");
        await Expect(row).ToContainTextAsync(shopEmail);
        await Expect(row).ToContainTextAsync("+33 1 23 45 67 89");

        // The staff opens the activation mail on another device: fresh cookies.
        var activation = await (await Flows.OpenMailLinkAsync(page, shopEmail, "Activate my account")).GetAttributeAsync("href");
        Assert.NotNull(activation);
        var staff = await NewPageAsync("staff");
        await staff.GotoAsync(activation);
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Activate your account" })).ToBeVisibleAsync();
        await Expect(staff.GetByText(shopEmail)).ToBeVisibleAsync();
        await staff.GetByLabel("Password", new() { Exact = true }).FillAsync(Account.StrongPassword);
        await staff.GetByLabel("Confirm the password", new() { Exact = true }).FillAsync(Account.StrongPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Activate and sign in" }).ClickAsync();

        await Expect(staff).ToHaveURLAsync(Url("counter"));
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = shopName })).ToBeVisibleAsync();

        // Sign out: back on the public home page, and the counter asks to sign in again.
        await staff.GetByTestId("sign-out").ClickAsync();
        await Expect(staff).ToHaveURLAsync(Url());
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Loyalty that works at the counter" })).ToBeVisibleAsync();
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();

        await staff.GotoAsync("counter");
        await Expect(staff).ToHaveURLAsync(LoginRedirect());
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // Meanwhile the manager's list shows the shop's login as active.
        await page.GotoAsync("manage/shops");
        await Expect(row).ToContainTextAsync("active");
        await Expect(row).Not.ToContainTextAsync("awaiting activation");
    });

    [GeneratedRegex(@"/Account/Login\?returnUrl=%2Fcounter$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginRedirect();
}

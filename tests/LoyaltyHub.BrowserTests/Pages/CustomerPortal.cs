using System.Text.Json;
using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests.Pages;

/// <summary>The customer's own portal (/me/{slug}): the digital card and the profile page.</summary>
public sealed partial class CustomerPortal(IPage page, string slug)
{
    public IPage Page => page;

    /// <summary>The merchant's part of the portal's address.</summary>
    public string Slug => slug;

    public ILocator Card => page.GetByTestId("me-card");

    public ILocator CardNumber => page.GetByTestId("me-card-number");

    public ILocator Points => page.GetByTestId("me-points");

    /// <summary>"Saved." under the preferences once a change is recorded.</summary>
    public ILocator PreferencesSaved => page.GetByTestId("me-preferences").GetByRole(AriaRole.Status);

    public ILocator Switch(string name) => page.GetByRole(AriaRole.Switch, new() { Name = name, Exact = true });

    /// <summary>The QR code of the card, named by the number it holds.</summary>
    public ILocator QrCode(string cardNumber) => page.GetByRole(AriaRole.Img, new() { Name = $"QR code of card number {cardNumber}" });

    /// <summary>
    /// The activation link mailed to a customer registered with an email → a password → signed in
    /// and sent to the card page of the merchant's portal.
    /// </summary>
    public static async Task<CustomerPortal> ActivateAsync(IPage page, string email, string password)
    {
        await Flows.ActivateLoginAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(CardPage());
        var slug = CardPage().Match(page.Url).Groups["slug"].Value;
        return new CustomerPortal(page, slug);
    }

    /// <summary>The card page, interactive (its heading is the merchant's name).</summary>
    public async Task OpenCardAsync()
    {
        await page.GotoAsync($"me/{slug}");
        await Expect(Card).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
    }

    /// <summary>"My profile and preferences" from the card page.</summary>
    public async Task OpenProfileAsync()
    {
        await page.GetByTestId("profile-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/me/{Regex.Escape(slug)}/profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
    }

    /// <summary>"Download my data (JSON)": the file the browser saves, parsed.</summary>
    public async Task<JsonDocument> DownloadMyDataAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Download my data (JSON)" }).ClickAsync());
        Assert.Equal($"my-data-{slug}.json", download.SuggestedFilename);
        var path = await download.PathAsync();
        await using var file = File.OpenRead(path);
        return await JsonDocument.ParseAsync(file);
    }

    /// <summary>Close my account permanently → type the word → Close my account: signed out on the goodbye page.</summary>
    public async Task CloseAccountAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Close my account permanently" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Close my account", Exact = true });
        await Expect(confirm).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Type CLOSE to confirm" }).FillAsync("CLOSE");
        await Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/goodbye$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is closed" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"/me/(?<slug>[^/?#]+)$")]
    private static partial Regex CardPage();
}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests.Pages;

/// <summary>
/// The gift-card sale form (the same for the manager and the counter) and the card summary it leads
/// to, plus the counter's gift-card page (/counter/giftcards): sell, check a balance.
/// </summary>
public static partial class GiftCardForms
{
    /// <summary>
    /// Fills the sale form (physical when <paramref name="number"/> is given, virtual otherwise,
    /// mailed to <paramref name="recipientEmail"/>) and confirms the sale; the summary of the sold
    /// card shows next.
    /// </summary>
    public static async Task SellAsync(IPage page, string amount, string? number = null, string? recipientEmail = null)
    {
        if (number is not null)
        {
            await page.GetByLabel("Physical card", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Card number", new() { Exact = true }).FillAsync(number);
        }
        else
        {
            await page.GetByLabel("Virtual (sent by email)", new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel(AmountLabel()).FillAsync(amount);
        if (recipientEmail is not null)
        {
            await page.GetByLabel(RecipientEmailLabel()).FillAsync(recipientEmail);
        }

        await page.GetByTestId("sell-giftcard").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sell", Exact = true }).ClickAsync(); // the confirmation
        await Expect(Summary(page)).ToBeVisibleAsync();
    }

    public static ILocator Summary(IPage page) => page.GetByTestId("giftcard-summary");

    /// <summary>The card's balance on its summary, e.g. "30.00 EUR".</summary>
    public static ILocator Balance(IPage page) => page.GetByTestId("giftcard-balance");

    /// <summary>The number on the summary, digits only.</summary>
    public static async Task<string> NumberAsync(IPage page) =>
        CounterPage.Digits(await Summary(page).Locator(".card-number").InnerTextAsync());

    /// <summary>The counter's gift-card page of the signed-in staff, interactive.</summary>
    public static async Task OpenCounterPageAsync(IPage page)
    {
        await page.GotoAsync("counter/giftcards");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gift cards", Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
    }

    /// <summary>On the counter's gift-card page: "Sell a gift card" → the sale form.</summary>
    public static async Task SellAtCounterAsync(IPage page, string amount, string number)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sell a gift card" }).ClickAsync();
        await SellAsync(page, amount, number);
    }

    /// <summary>On the counter's gift-card page: the number, Enter → the card's summary and movements.</summary>
    public static async Task CheckAtCounterAsync(IPage page, string number)
    {
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Gift card number" });
        await box.FillAsync(number);
        await box.PressAsync("Enter");
        await Expect(Summary(page).Locator(".card-number")).ToHaveTextAsync(CounterPage.Grouped(number));
    }

    /// <summary>A number that passes the card check (digits with a Luhn check digit), as printed on a physical card.</summary>
    public static string NewPhysicalNumber()
    {
        var payload = "9" + string.Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            // From the right, every other digit of the payload is doubled.
            var digit = payload[payload.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        return payload + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    [GeneratedRegex("^Amount in ")]
    private static partial Regex AmountLabel();

    [GeneratedRegex("^Recipient's email")]
    private static partial Regex RecipientEmailLabel();
}

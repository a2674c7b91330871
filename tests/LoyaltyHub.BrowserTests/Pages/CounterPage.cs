using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests.Pages;

/// <summary>
/// The counter (/counter) as a shop's staff sees it: the search box, the customer panel, the
/// purchase form with its reward badges and gift-card payment, and the receipt.
/// </summary>
public sealed partial class CounterPage(IPage page)
{
    public IPage Page => page;

    public ILocator SearchBox => page.GetByRole(AriaRole.Searchbox, new() { Name = "Card number, phone, email or name" });

    public ILocator FindButton => page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true });

    public ILocator NewCustomerButton => page.GetByRole(AriaRole.Button, new() { Name = "New customer", Exact = true });

    public ILocator Panel => page.GetByTestId("customer-panel");

    /// <summary>The open customer's card number, in groups of four.</summary>
    public ILocator PanelCard => page.GetByTestId("panel-card");

    /// <summary>"No customer found for …".</summary>
    public ILocator Nobody => page.GetByTestId("counter-nobody");

    public ILocator Amount => page.GetByRole(AriaRole.Textbox, new() { Name = "Amount", Exact = true });

    public ILocator SaveButton => page.GetByRole(AriaRole.Button, new() { Name = "Save purchase" });

    /// <summary>The bold number of "N points · cashback …" above the purchase form.</summary>
    public ILocator Points => page.GetByTestId("purchase-balance").Locator("strong");

    public ILocator Receipt => page.GetByTestId("purchase-receipt");

    public ILocator UndoButton => Receipt.GetByRole(AriaRole.Button, new() { Name = "Undo" });

    public ILocator Rewards => page.GetByRole(AriaRole.Group, new() { Name = "Rewards available" });

    public ILocator GiftCardNumber => page.GetByRole(AriaRole.Textbox, new() { Name = "Gift card number" });

    public ILocator GiftCardCheck => page.GetByTestId("purchase-giftcard").GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true });

    public ILocator GiftCardAmount => page.GetByRole(AriaRole.Textbox, new() { Name = "Amount from the gift card" });

    /// <summary>"Balance 30.00 EUR" once the number was checked.</summary>
    public ILocator GiftCardBalance => page.GetByTestId("purchase-giftcard-balance");

    public ILocator Badge(string title) => Rewards.GetByRole(AriaRole.Button, new() { Name = title });

    /// <summary>Opens the counter of the signed-in staff; ready for a card when the search box has the focus.</summary>
    public static async Task<CounterPage> OpenAsync(IPage page, string shopName)
    {
        await page.GotoAsync("counter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = shopName, Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
        var counter = new CounterPage(page);
        await Expect(counter.SearchBox).ToBeFocusedAsync();
        return counter;
    }

    /// <summary>What a USB scanner does: types into the focused box and presses Enter. No click.</summary>
    public async Task ScanAsync(string cardNumber)
    {
        await Expect(SearchBox).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(cardNumber);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Types a search into the box (wherever the focus was) and presses Enter.</summary>
    public async Task SearchAsync(string text)
    {
        await SearchBox.FillAsync(text);
        await SearchBox.PressAsync("Enter");
    }

    /// <summary>
    /// New customer → the form → Register: the panel opens on them with a generated card number,
    /// which is returned (digits only).
    /// </summary>
    public async Task<string> RegisterAsync(string firstName, string lastName, string? email = null, string? phone = null)
    {
        await NewCustomerButton.ClickAsync();
        var form = page.GetByTestId("new-customer");
        await form.GetByLabel("First name", new() { Exact = true }).FillAsync(firstName);
        await form.GetByLabel("Last name", new() { Exact = true }).FillAsync(lastName);
        if (email is not null)
        {
            await form.GetByLabel("Email (optional)", new() { Exact = true }).FillAsync(email);
        }

        if (phone is not null)
        {
            await form.GetByLabel("Mobile phone (optional)", new() { Exact = true }).FillAsync(phone);
        }

        await form.GetByTestId("register-customer").ClickAsync();
        await Expect(Panel.GetByRole(AriaRole.Heading, new() { Name = $"{firstName} {lastName}" })).ToBeVisibleAsync();
        return Digits(await PanelCard.InnerTextAsync());
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus: how a keyboard user reaches it.</summary>
    public async Task TabToAsync(ILocator target, bool backwards = false, int maxPresses = 20)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 }); // fails with Playwright's description of the target
    }

    /// <summary>"1234 5678 9012" → "123456789012".</summary>
    public static string Digits(string text) => NonDigits().Replace(text, "");

    /// <summary>"123456789012" → "1234 5678 9012", as the counter and the card show it.</summary>
    public static string Grouped(string digits) => string.Join(' ', digits.Chunk(4).Select(c => new string(c)));

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigits();
}

using LoyaltyHub.BrowserTests.Infrastructure;
using LoyaltyHub.BrowserTests.Pages;

namespace LoyaltyHub.BrowserTests;

/// <summary>
/// At the till: a card found by its number, purchases keyed without a mouse, a reward redeemed, part
/// paid by gift card, the purchase undone, and everything it moved back where it was.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CounterJourneyTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Purchase_reward_and_gift_card_payment_then_void_restore_points_and_gift_card() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var id = Guid.NewGuid().ToString("N")[..6];
        var reward = $"Coffee club {id}";

        // The manager offers 10% off for 50 points.
        var manager = await NewPageAsync("manager");
        await Flows.SignInAsync(manager, shop.Manager);
        await new ManagePages(manager).CreateRewardProgramAsync(new(reward, "Discount (%)", CostInPoints: 50, Percent: 10));

        // The counter sells a physical gift card of 30.00.
        var staff = await NewPageAsync("staff");
        await Flows.SignInAsync(staff, shop.Staff);
        var giftCard = GiftCardForms.NewPhysicalNumber();
        await GiftCardForms.OpenCounterPageAsync(staff);
        await GiftCardForms.SellAtCounterAsync(staff, "30", giftCard);
        await Expect(GiftCardForms.Balance(staff)).ToHaveTextAsync("30.00 EUR");

        // A new customer gets a card number; then the panel is closed, as for the next customer.
        var counter = await CounterPage.OpenAsync(staff, shop.ShopName);
        var card = await counter.RegisterAsync("Chloé", $"Martin {id}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Close this customer" }).ClickAsync();
        await Expect(counter.Panel).ToBeHiddenAsync();

        // Keyboard only: the card typed as a scanner does, the amount, Enter.
        await counter.ScanAsync(card);
        await Expect(counter.PanelCard).ToHaveTextAsync(CounterPage.Grouped(card));
        await Expect(counter.Points).ToHaveTextAsync("0");
        await Expect(counter.Amount).ToBeFocusedAsync();
        await staff.Keyboard.TypeAsync("80");
        await staff.Keyboard.PressAsync("Enter");

        await Expect(counter.Receipt).ToContainTextAsync("Saved: 80.00 EUR. +80 points; balance 80.");
        await Expect(counter.Points).ToHaveTextAsync("80");
        await Expect(counter.SearchBox).ToBeFocusedAsync(); // ready for the next card

        // Keyboard only again: 40.00 with the 50-point reward, 20.00 of it paid by the gift card.
        await Expect(counter.Badge(reward)).ToHaveAttributeAsync("aria-pressed", "false");
        await counter.TabToAsync(counter.Amount);
        await staff.Keyboard.TypeAsync("40");
        await counter.TabToAsync(counter.Badge(reward));
        await staff.Keyboard.PressAsync("Space");
        await Expect(counter.Badge(reward)).ToHaveAttributeAsync("aria-pressed", "true");
        await counter.TabToAsync(counter.GiftCardNumber, backwards: true);
        await staff.Keyboard.TypeAsync(giftCard);
        await counter.TabToAsync(counter.GiftCardAmount); // leaving the number checks the card
        await Expect(counter.GiftCardBalance).ToHaveTextAsync("Balance 30.00 EUR");
        await staff.Keyboard.TypeAsync("20");
        await staff.Keyboard.PressAsync("Enter");

        // 10% off 40.00 is 4.00; 36.00 earns 36 points; 50 spent: 80 − 50 + 36 = 66.
        await Expect(counter.Receipt).ToContainTextAsync("Saved: 40.00 EUR, discount 4.00. +36 points, 50 spent; balance 66.");
        await Expect(counter.Receipt).ToContainTextAsync("Paid by gift card: 20.00 EUR.");
        await Expect(counter.Points).ToHaveTextAsync("66");
        await Expect(counter.Badge(reward)).ToHaveAttributeAsync("aria-pressed", "false"); // 66 points: offered again, not chosen

        // The card's balance, checked from the (cleared) purchase form: 10.00 left.
        await counter.GiftCardNumber.FillAsync(giftCard);
        await counter.GiftCardCheck.ClickAsync();
        await Expect(counter.GiftCardBalance).ToHaveTextAsync("Balance 10.00 EUR");

        // Undo: the points and the gift card are back as they were before this purchase.
        await counter.UndoButton.ClickAsync();
        await Expect(counter.Receipt).ToBeHiddenAsync();
        await Expect(counter.Points).ToHaveTextAsync("80");
        await counter.GiftCardCheck.ClickAsync();
        await Expect(counter.GiftCardBalance).ToHaveTextAsync("Balance 30.00 EUR");

        await GiftCardForms.OpenCounterPageAsync(staff);
        await GiftCardForms.CheckAtCounterAsync(staff, giftCard);
        await Expect(GiftCardForms.Balance(staff)).ToHaveTextAsync("30.00 EUR");
    });

    [Fact]
    public Task On_a_phone_the_counter_controls_fit_the_screen() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var staff = await NewPageAsync("phone");
        await staff.SetViewportSizeAsync(390, 844);
        await Flows.SignInAsync(staff, shop.Staff);
        var counter = await CounterPage.OpenAsync(staff, shop.ShopName);

        await ExpectOnScreenAsync(staff, counter.SearchBox, counter.FindButton, counter.NewCustomerButton);

        var id = Guid.NewGuid().ToString("N")[..6];
        await counter.RegisterAsync("Noé", $"Petit {id}");
        await ExpectOnScreenAsync(staff, counter.PanelCard, counter.Amount, counter.SaveButton);

        await counter.Amount.FillAsync("12.50");
        await counter.SaveButton.ClickAsync();
        await Expect(counter.Receipt).ToContainTextAsync("+12 points; balance 12.");
        await ExpectOnScreenAsync(staff, counter.Receipt, counter.UndoButton);
    });

    /// <summary>
    /// Each control is visible once scrolled to vertically, lies within the screen's width, and the
    /// page has no horizontal scroll.
    /// </summary>
    private static async Task ExpectOnScreenAsync(IPage page, params ILocator[] controls)
    {
        var width = page.ViewportSize!.Width;
        foreach (var control in controls)
        {
            await control.ScrollIntoViewIfNeededAsync();
            await Expect(control).ToBeInViewportAsync();
            var box = await control.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{control} spans {box.X}..{box.X + box.Width}, beyond the {width} px screen.");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways: {widths[0]} px wide on a {widths[1]} px screen.");
    }
}

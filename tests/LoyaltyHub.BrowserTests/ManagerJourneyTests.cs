using LoyaltyHub.BrowserTests.Infrastructure;
using LoyaltyHub.BrowserTests.Pages;

namespace LoyaltyHub.BrowserTests;

/// <summary>
/// The manager sets up a reward program, a product and a gift card; the gift-card sale, and the
/// counter's purchase of the product with the reward, show in Transactions.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ManagerJourneyTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Program_product_and_gift_card_created_by_the_manager_show_in_transactions() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var id = Guid.NewGuid().ToString("N")[..6];
        var reward = $"Free croissant {id}";
        var product = $"Sourdough {id}";

        var page = await NewPageAsync("manager");
        await Flows.SignInAsync(page, shop.Manager);
        var manage = new ManagePages(page);
        await manage.CreateRewardProgramAsync(new(reward, "Gift", CostInPoints: 20, Gift: "A croissant"));
        await manage.CreateProductAsync($"Breads {id}", product, "4.50");
        var giftCard = await manage.SellVirtualGiftCardAsync("25", Account.UniqueEmail("gift"));
        await Expect(GiftCardForms.Balance(page)).ToHaveTextAsync("25.00 EUR");

        // The sale is in Transactions, found with the type filter.
        var sales = (await manage.TransactionsAsync("Gift card sale")).Filter(new() { HasText = giftCard });
        await Expect(sales).ToHaveCountAsync(1);
        await Expect(sales).ToContainTextAsync("Gift card sale");
        await Expect(sales).ToContainTextAsync("25.00 EUR");

        // At the counter: two loaves of the product (their price fills the line), then the reward.
        var staff = await NewPageAsync("staff");
        await Flows.SignInAsync(staff, shop.Staff);
        var counter = await CounterPage.OpenAsync(staff, shop.ShopName);
        var customer = $"Léa Bernard {id}";
        await counter.RegisterAsync("Léa", $"Bernard {id}");
        await counter.Amount.FillAsync("30");
        await staff.GetByTestId("purchase-line-add").ClickAsync();
        var line = staff.GetByTestId("purchase-line");
        await line.GetByRole(AriaRole.Combobox, new() { Name = "Product" }).SelectOptionAsync(new SelectOptionValue { Label = product });
        await line.GetByRole(AriaRole.Spinbutton, new() { Name = "Quantity" }).FillAsync("2");
        await line.GetByRole(AriaRole.Spinbutton, new() { Name = "Quantity" }).BlurAsync();
        await Expect(line.GetByRole(AriaRole.Textbox, new() { Name = "Line amount" })).ToHaveValueAsync("9.00"); // price × quantity
        await Expect(staff.GetByTestId("purchase-lines-sum")).ToHaveTextAsync("Lines: 9.00 of 30.00");
        await counter.SaveButton.ClickAsync();
        await Expect(counter.Receipt).ToContainTextAsync("+30 points; balance 30.");

        await counter.Badge(reward).ClickAsync();
        await counter.Amount.FillAsync("5");
        await counter.SaveButton.ClickAsync();
        await Expect(counter.Receipt).ToContainTextAsync("+5 points, 20 spent; balance 15.");

        // Transactions: both purchases and the 20 points the reward took, under the customer's name.
        var rows = (await manage.TransactionsAsync()).Filter(new() { HasText = customer });
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = "30.00 EUR" })).ToContainTextAsync("Purchase");
        await Expect(rows.Filter(new() { HasText = "5.00 EUR" })).ToContainTextAsync("Purchase");
        var redeemed = rows.Filter(new() { HasText = "Points redeemed" });
        await Expect(redeemed).ToHaveCountAsync(1);
        await Expect(redeemed).ToContainTextAsync("-20");
        await Expect(redeemed).ToContainTextAsync(shop.ShopName);
        // What the first purchase was made of is listed with it.
        await Expect(rows.Filter(new() { HasText = "30.00 EUR" })).ToContainTextAsync($"2 × {product} (Breads {id}) at 4.50 EUR: 9.00 EUR");

        // The manager voids from the customer page: the first purchase's 30 points already paid for the
        // reward, so its void is refused in the dialog; the second one's goes through and gives the 20 back.
        var purchases = await manage.OpenCustomerAsync($"Bernard {id}");
        await Expect(purchases.First).ToContainTextAsync("5.00 EUR"); // newest first
        await Expect(purchases.Filter(new() { HasText = "30.00 EUR" })).ToContainTextAsync($"2 × {product}");
        var dialog = await manage.OpenVoidAsync(purchases.Filter(new() { HasText = "30.00 EUR" }));
        await Expect(dialog.GetByTestId("purchase-void-reverses")).ToContainTextAsync("30 points earned are taken back");
        await dialog.GetByTestId("void-submit").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Give the reason for the void.");
        await dialog.GetByTestId("void-reason").FillAsync("Wrong customer");
        await dialog.GetByTestId("void-submit").ClickAsync();
        await Expect(dialog).ToContainTextAsync("The points or cashback of this purchase were already spent: 15 points and 0 cashback available, 30 and 0 needed.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();

        dialog = await manage.OpenVoidAsync(purchases.Filter(new() { HasText = "5.00 EUR" }));
        await Expect(dialog.GetByTestId("purchase-void-reverses")).ToContainTextAsync("20 points spent on rewards are given back");
        await dialog.GetByTestId("void-reason").FillAsync("Wrong amount");
        await dialog.GetByTestId("void-submit").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("customer-points")).ToHaveTextAsync("30");
        await Expect(purchases.Filter(new() { HasText = "5.00 EUR" }).GetByTestId("purchase-voided")).ToBeVisibleAsync();
        await Expect(purchases.Filter(new() { HasText = "5.00 EUR" }).GetByTestId("purchase-void")).ToHaveCountAsync(0);
    });
}

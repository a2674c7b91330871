using LoyaltyHub.BrowserTests.Infrastructure;
using LoyaltyHub.BrowserTests.Pages;

namespace LoyaltyHub.BrowserTests;

/// <summary>
/// An order the web shop sends through the API, collected at a shop: its staff find it in the
/// counter's orders, the manager in Orders, each with its lines.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class OrderJourneyTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_order_from_the_api_shows_at_its_pickup_shops_counter_and_in_the_managers_orders() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var number = NewNumber();
        var preparing = NewNumber();
        var manager = await NewPageAsync("manager");
        await Flows.SignInAsync(manager, shop.Manager);
        await OrderPages.PlaceOrdersAsync(manager, shop.ShopName, (number, "ready", 2_580), (preparing, "processing", 1_000));

        // At the counter, on a phone: the order is in the shop's list, ready, with its amount.
        var staff = await NewPageAsync("staff");
        await staff.SetViewportSizeAsync(390, 844);
        await Flows.SignInAsync(staff, shop.Staff);
        var order = (await OrderPages.CounterListAsync(staff)).Filter(new() { HasText = number });
        await Expect(order).ToHaveCountAsync(1);
        await Expect(order).ToContainTextAsync("Camille Roux");
        await Expect(order).ToContainTextAsync("25.80 EUR");
        await Expect(order).ToContainTextAsync("ready for pickup");
        await Expect((await OrderPages.CounterListAsync(staff)).Filter(new() { HasText = preparing })).ToHaveCountAsync(0); // not ready yet
        await order.ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = $"Order {number}" })).ToBeVisibleAsync();
        await Expect(staff.GetByTestId("order-lines")).ToContainTextAsync("Ethiopia beans 250 g");
        await Expect(staff.GetByTestId("order-total")).ToHaveTextAsync("25.80 EUR");

        // In the back office: both found by their number, opened from the grid. (The manager's page of a
        // ready order offers the ready-notice button, which is tested with its sender below.)
        var row = (await OrderPages.ManagerListAsync(manager, number)).Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(shop.ShopName);
        await Expect(row).ToContainTextAsync("ready for pickup");
        await Expect(row).ToContainTextAsync("paid");
        var other = (await OrderPages.ManagerListAsync(manager, preparing)).Filter(new() { HasText = preparing });
        await Expect(other).ToContainTextAsync("processing");
        await other.GetByRole(AriaRole.Link, new() { Name = preparing }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = $"Order {preparing}" })).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("order-lines")).ToContainTextAsync("Ethiopia beans 250 g");
        await Expect(manager.GetByTestId("order-customer")).ToContainTextAsync("Camille Roux");
        await Expect(manager.GetByTestId("ready-notice-refusal")).ToContainTextAsync("ready for pickup");
    });

    /// <summary>
    /// The browser tests' merchant signed up itself and has no message credits (only a platform admin
    /// grants them): the press reaches the outbox, which refuses with the message the staff need. The
    /// sent / already-sent path is covered by AutomaticMessagesTests over the same service.
    /// </summary>
    [Fact]
    public Task Staff_allowed_by_the_manager_press_the_ready_notice_and_learn_that_credits_are_missing() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var number = NewNumber();
        var manager = await NewPageAsync("manager");
        await Flows.SignInAsync(manager, shop.Manager);
        await OrderPages.PlaceOrdersAsync(manager, shop.ShopName, (number, "ready", 1_000));
        await manager.GotoAsync("manage/settings/staff");
        await Flows.WaitForInteractiveAsync(manager);
        await manager.GetByLabel("Send \"order ready\" notifications").CheckAsync();
        await manager.GetByTestId("save-staff-permissions").ClickAsync();
        await Expect(manager.GetByLabel("Send \"order ready\" notifications")).ToBeCheckedAsync();

        var staff = await NewPageAsync("staff");
        await Flows.SignInAsync(staff, shop.Staff);
        await (await OrderPages.CounterListAsync(staff)).Filter(new() { HasText = number }).ClickAsync();
        await staff.GetByTestId("ready-notice-send").ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync(); // the confirmation
        await Expect(staff.GetByTestId("ready-notice-result")).ToContainTextAsync("Not enough SMS credits");
    });

    private static string NewNumber() => $"WEB-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
}

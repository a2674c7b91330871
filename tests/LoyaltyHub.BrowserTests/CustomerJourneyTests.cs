using LoyaltyHub.BrowserTests.Infrastructure;
using LoyaltyHub.BrowserTests.Pages;

namespace LoyaltyHub.BrowserTests;

/// <summary>
/// The customer's side: registered at the counter, they activate their login from the mail, show
/// their card, change what they receive, download their data and close their account for good.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CustomerJourneyTests(AppFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Customer_activates_shows_the_card_changes_preferences_exports_and_closes_the_account() => RunAsync(async () =>
    {
        var shop = await Fixture.ShopAsync();
        var id = Guid.NewGuid().ToString("N")[..6];
        var customer = new Account(shop.Manager.Company, $"Inès Moreau {id}", Account.UniqueEmail("customer"), Account.StrongPassword);

        // Registered at the counter with an email: an activation link is mailed. One purchase on the card.
        var staff = await NewPageAsync("staff");
        await Flows.SignInAsync(staff, shop.Staff);
        var counter = await CounterPage.OpenAsync(staff, shop.ShopName);
        var card = await counter.RegisterAsync("Inès", $"Moreau {id}", customer.Email, "+33612345678");
        await counter.Amount.FillAsync("25");
        await counter.SaveButton.ClickAsync();
        await Expect(counter.Receipt).ToContainTextAsync("balance 25.");

        // On the customer's phone: the link, a password, and the card.
        var phone = await NewPageAsync("customer");
        await phone.SetViewportSizeAsync(390, 844);
        var portal = await CustomerPortal.ActivateAsync(phone, customer.Email, customer.Password);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = shop.Manager.Company, Level = 1 })).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("me-card-name")).ToHaveTextAsync($"Inès Moreau {id}");
        await Expect(portal.CardNumber).ToHaveTextAsync(CounterPage.Grouped(card));
        await Expect(portal.Points).ToHaveTextAsync("25");

        // The QR code holds the card number and is big enough to scan: at least 200 px, within the screen.
        var qr = portal.QrCode(card);
        await Expect(qr).ToBeInViewportAsync();
        await Expect(qr.Locator("svg path")).ToHaveCountAsync(1); // drawn, not an empty box
        // The circuit may re-render the card just after it appears; the box is read once it is stable again.
        var box = await qr.BoundingBoxAsync();
        for (var retry = 0; box is null && retry < 50; retry++)
        {
            await Task.Delay(100);
            box = await qr.BoundingBoxAsync();
        }

        Assert.NotNull(box);
        Assert.True(box.Width >= 200 && box.Height >= 200, $"The QR code is {box.Width}×{box.Height} px.");
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The QR code spans {box.X}..{box.X + box.Width} on a 390 px screen.");

        // Offers by email: off (not given at the counter) → on, kept after a reload.
        await portal.OpenProfileAsync();
        var byEmail = portal.Switch("By email");
        await Expect(byEmail).Not.ToBeCheckedAsync();
        await Expect(portal.Switch("By SMS")).Not.ToBeCheckedAsync();
        await byEmail.CheckAsync();
        await Expect(portal.PreferencesSaved).ToHaveTextAsync("Saved."); // the server recorded it
        await Expect(byEmail).ToBeCheckedAsync();
        await phone.ReloadAsync();
        await Expect(byEmail).ToBeCheckedAsync();
        await Expect(portal.Switch("By SMS")).Not.ToBeCheckedAsync();

        // My data: the profile, the consent just given with its log row, and the purchase.
        using (var data = await portal.DownloadMyDataAsync())
        {
            var root = data.RootElement;
            var profile = root.GetProperty("profile");
            Assert.Equal(card, profile.GetProperty("cardNumber").GetString());
            Assert.Equal("Inès", profile.GetProperty("firstName").GetString());
            Assert.Equal($"Moreau {id}", profile.GetProperty("lastName").GetString());
            Assert.Equal(customer.Email, profile.GetProperty("email").GetString());
            Assert.True(root.GetProperty("consents").GetProperty("email").GetProperty("granted").GetBoolean());
            Assert.False(root.GetProperty("consents").GetProperty("sms").GetProperty("granted").GetBoolean());
            var change = Assert.Single(root.GetProperty("consentLog").EnumerateArray(),
                c => c.GetProperty("channel").GetString() == "Email" && c.GetProperty("granted").GetBoolean());
            Assert.Equal("portal", change.GetProperty("source").GetString());
            var purchase = Assert.Single(root.GetProperty("more").GetProperty("purchases").EnumerateArray());
            Assert.Equal(2500, purchase.GetProperty("amountMinor").GetInt64());
            Assert.Equal(25, purchase.GetProperty("pointsEarned").GetInt64());
        }

        // Closing the account signs out for good: the password no longer opens anything.
        await portal.CloseAccountAsync();
        await phone.GotoAsync("Account/Login");
        await phone.GetByLabel("Email", new() { Exact = true }).FillAsync(customer.Email);
        await phone.GetByLabel("Password", new() { Exact = true }).FillAsync(customer.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(phone.GetByText("Wrong email or password.")).ToBeVisibleAsync();
        await Expect(phone).ToHaveURLAsync(Flows.LoginPage());
        await phone.GotoAsync($"me/{portal.Slug}");
        await Expect(phone).ToHaveURLAsync(Flows.LoginPage());

        // …and the card is no longer found at the counter.
        await counter.SearchAsync(card);
        await Expect(counter.Nobody).ToContainTextAsync($"No customer found for {card}.");
        await Expect(counter.Panel).ToBeHiddenAsync();
    });
}

using System.Text.RegularExpressions;

namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>The user journeys the tests share, written as a person does them in the browser.</summary>
public static partial class Flows
{
    /// <summary>
    /// Waits until the page runs interactively on its Blazor circuit, so that clicks reach the server.
    /// The prerendered page looks the same but has no event handlers. The sign is the router's
    /// FocusOnNavigate: it moves the focus to the page's h1 only from the first interactive render,
    /// through JS interop, after the render batch (and its event handlers) is applied. To focus a
    /// heading it gives it tabindex="-1", which stays when a page then moves the focus on (the
    /// counter puts it in its search box); no markup of the app has that attribute.
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const h = document.querySelector('h1'); return h !== null && (document.activeElement === h || h.getAttribute('tabindex') === '-1'); }");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{page.Url} did not become interactive: no Blazor circuit rendered it (the h1 never got the focus FocusOnNavigate gives it).", e);
        }
    }

    /// <summary>/Account/SignUp → "Check your email".</summary>
    public static async Task SignUpAsync(IPage page, Account account)
    {
        await page.GotoAsync("Account/SignUp");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create your merchant account" })).ToBeVisibleAsync();
        await page.GetByLabel("Company", new() { Exact = true }).FillAsync(account.Company);
        await page.GetByLabel("Your name", new() { Exact = true }).FillAsync(account.Name);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByLabel("Confirm the password", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(account.Email);
    }

    /// <summary>
    /// Opens the development outbox, expands the newest mail to <paramref name="to"/> and returns its
    /// link named <paramref name="linkText"/>, visible.
    /// </summary>
    public static async Task<ILocator> OpenMailLinkAsync(IPage page, string to, string linkText)
    {
        await page.GotoAsync("dev/mail");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbox (development)" })).ToBeVisibleAsync();
        // The interactive render replaces the prerendered list: expand the mail only after it.
        await WaitForInteractiveAsync(page);
        var mail = page.GetByTestId("dev-mail").Filter(new() { HasText = to }).First; // newest first
        await Expect(mail).ToBeVisibleAsync();
        await mail.Locator("summary").ClickAsync();
        await Expect(mail).ToHaveAttributeAsync("open", "");
        var link = mail.GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        return link;
    }

    /// <summary>Opens the newest mail to <paramref name="to"/> in the development outbox and clicks its link.</summary>
    public static async Task FollowMailLinkAsync(IPage page, string to, string linkText) =>
        await (await OpenMailLinkAsync(page, to, linkText)).ClickAsync();

    /// <summary>
    /// Manager's /manage/shops → New shop → saved: the shop's login is created and its activation
    /// link mailed to <paramref name="email"/>.
    /// </summary>
    public static async Task CreateShopAsync(IPage page, string name, string email)
    {
        await page.GotoAsync("manage/shops");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Exact = true })).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("new-shop").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByTestId("save-shop").ClickAsync();
        var row = page.GetByTestId("shop-grid").Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("awaiting activation");
    }

    /// <summary>
    /// Follows the newest "Activate my account" mail to <paramref name="email"/> and chooses the
    /// password: the login is signed in and sent to its portal.
    /// </summary>
    public static async Task ActivateLoginAsync(IPage page, string email, string password)
    {
        await FollowMailLinkAsync(page, email, "Activate my account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activate your account" })).ToBeVisibleAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm the password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate and sign in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(ActivationPage());
    }

    /// <summary>/Account/Login with email and password → the user's portal.</summary>
    public static async Task SignInAsync(IPage page, Account account)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(LoginPage());
    }

    [GeneratedRegex(@"/Account/Login(\?|$)", RegexOptions.IgnoreCase)]
    public static partial Regex LoginPage();

    [GeneratedRegex(@"/Account/Activate(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ActivationPage();
}

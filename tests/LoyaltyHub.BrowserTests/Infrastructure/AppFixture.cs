using System.Diagnostics;

namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>
/// One app process and one headless Chromium, shared by the tests of a class or collection (each
/// test opens its own browser contexts, so cookies never leak between tests). Playwright drives
/// Debian's Chromium (<c>LOYALTYHUB_CHROMIUM</c>, default /usr/bin/chromium): no browser is
/// downloaded. Its node driver comes inside the Microsoft.Playwright package (.playwright/ in the
/// test output folder).
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly Lock sharedLock = new();
    private Task<Account>? manager;
    private Task<ShopLogin>? shop;
    private IPlaywright? playwright;
    private IBrowser? browser;

    static AppFixture() => SetDefaultExpectTimeout(10_000);

    public WebAppProcess App { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("LOYALTYHUB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>How long the fixture took to start the app and the browser (printed by the tests).</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}: install Debian's chromium package or set LOYALTYHUB_CHROMIUM.");
        }

        try
        {
            var appStarted = App.StartAsync();
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            await appStarted;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        StartupTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser = null;
        }

        playwright?.Dispose();
        playwright = null;
        await App.DisposeAsync();
    }

    /// <summary>A new browser context (fresh cookies) on the app's base address.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseUri.ToString(),
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>
    /// A confirmed merchant manager, made once per fixture through the sign-up page and the
    /// development outbox, for the tests that only need to be signed in as a manager.
    /// </summary>
    public Task<Account> ManagerAsync() => Once(ref manager, CreateManagerAsync);

    /// <summary>
    /// A shop of the shared manager's merchant with its activated staff login, made once per fixture
    /// through the back office and the development outbox, for the tests that work at a counter.
    /// </summary>
    public Task<ShopLogin> ShopAsync() => Once(ref shop, CreateShopAsync);

    /// <summary>Starts <paramref name="create"/> on the first call and again after a failure; the others share its task.</summary>
    private Task<T> Once<T>(ref Task<T>? slot, Func<Task<T>> create)
    {
        lock (sharedLock)
        {
            if (slot is null || slot.IsFaulted || slot.IsCanceled)
            {
                // Started on the pool, so none of its work runs while the lock is held (the shop's creation asks for the manager).
                slot = Task.Run(create);
            }

            return slot;
        }
    }

    private async Task<Account> CreateManagerAsync()
    {
        var context = await NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var account = Account.NewManager("Shared");
            await Flows.SignUpAsync(page, account);
            await Flows.FollowMailLinkAsync(page, account.Email, "Confirm my account");
            await Expect(page).ToHaveURLAsync(new Uri(App.BaseUri, "manage").ToString());
            return account;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<ShopLogin> CreateShopAsync()
    {
        var owner = await ManagerAsync();
        var context = await NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var id = Guid.NewGuid().ToString("N")[..8];
            var staff = new Account(owner.Company, $"Counter {id}", Account.UniqueEmail("counter"), Account.StrongPassword);
            await Flows.SignInAsync(page, owner);
            await Flows.CreateShopAsync(page, staff.Name, staff.Email);
            await context.ClearCookiesAsync();
            await Flows.ActivateLoginAsync(page, staff.Email, staff.Password);
            await Expect(page).ToHaveURLAsync(new Uri(App.BaseUri, "counter").ToString());
            return new ShopLogin(owner, staff.Name, staff);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}

/// <summary>A shop (its name) with its staff login (<see cref="Account.Name"/> is the shop's name), and the merchant's manager.</summary>
public sealed record ShopLogin(Account Manager, string ShopName, Account Staff);

/// <summary>The app and browser shared by every test class but the reconnect test (which restarts its own app).</summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<AppFixture>
{
    public const string Name = "Shared app";
}

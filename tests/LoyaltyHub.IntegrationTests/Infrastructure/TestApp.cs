using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (Program) on a real database, in environment <c>Testing</c> unless told otherwise.
/// The app migrates the database itself at start (PrepareAsync); mail goes to the DevMails table.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    /// <summary>
    /// Where links in emails point; the HTTP tests' client talks to the same host. Set (as in
    /// production) because tests also call services outside any request or circuit, where the
    /// app's fallback (request host, then the circuit's NavigationManager) has nothing to read.
    /// </summary>
    public const string PublicBaseUrl = "http://localhost/";

    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly bool ownsDatabase;
    private bool disposingAsync;

    public TestApp(TestDatabase database, bool ownsDatabase = true, string environment = "Testing",
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        Database = database;
        this.ownsDatabase = ownsDatabase;
        this.environment = environment;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.configureServices = configureServices;
    }

    public TestDatabase Database { get; }

    public string Provider => Database.Provider;

    /// <summary>Creates a database of <paramref name="provider"/> and starts the app on it.</summary>
    public static async Task<TestApp> StartAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            return await StartAsync(new TestApp(database));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the host now (migrations included) instead of on first use, and waits for Quartz:
    /// its hosted service starts the scheduler just after the application has started
    /// (AwaitApplicationStarted), so the first ~100 ms of a fresh app see it as "Created".
    /// The app's recurring jobs are paused: a test runs a job when it means to (TriggerJob), so
    /// the wall clock never fires one in the middle of another test's assertions.
    /// </summary>
    public static async Task<TestApp> StartAsync(TestApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await scheduler.GetStatus() != SchedulerStatus.Running)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The scheduler is still {await scheduler.GetStatus()} 30 s after the app started.");
                }

                await Task.Delay(25);
            }

            await scheduler.PauseTrigger(PointsExpiryJob.Trigger);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="work"/> in a DI scope with no tenant (what anonymous requests get).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> in a DI scope acting for <paramref name="tenantId"/>, as jobs and circuits do.</summary>
    public async Task<T> AsTenantAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.GetRequiredService<TenantScopeFactory>().CreateScope(tenantId);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Reads the database with no tenant in scope (use IgnoreQueryFilters for tenant-owned rows).</summary>
    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return InScopeAsync(sp => query(sp.GetRequiredService<AppDbContext>()));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        // The first migration's probe of the missing history table is logged as a failed command.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        // Keys are kept unencrypted in the test database on purpose.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // Queued messages stay queued unless a test starts an app that dispatches (its settings say so):
        // tests that read the outbox then see what was queued, not what a live dispatcher made of it.
        builder.UseSetting("Messaging:Outbox:Dispatch", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        disposingAsync = true;
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (ownsDatabase)
            {
                await Database.DisposeAsync();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // DisposeAsync (the usual path) drops the database itself, asynchronously.
        if (disposing && ownsDatabase && !disposingAsync)
        {
            Database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

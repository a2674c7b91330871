using System.Diagnostics;
using LoyaltyHub.Core;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Benchmarks;

/// <param name="LoadAverage">/proc/loadavg before and after: on a shared machine the figures mean little without it.</param>
internal sealed record UnsubscribeResult(string Database, int Links, HttpRun OneClickSaturated, HttpRun OneClickPaced, HttpRun PageSaturated, int ConsentRowsWritten, string LoadAverage);

/// <summary>
/// The unsubscribe endpoint over real HTTP: the web app as a child process in Development (demo
/// merchant with 5,000 customers) on SQLite in WAL and, when LOYALTYHUB_TEST_POSTGRES is set, on PostgreSQL. Links are signed here with the app's own
/// key ring (same database, same Data Protection keys), one per customer and channel. Runs: RFC 8058
/// one-click POSTs with <see cref="BenchOptions.Callers"/> callers as fast as they can, then paced
/// at the goal rate (latency counted from each call's scheduled start), then GETs of the page.
/// The harness shares the machine's cores with the app, so the figures are a floor.
/// </summary>
internal static class UnsubscribeBenchmark
{
    public const int GoalPerSecond = 2_000;

    public static async Task<List<UnsubscribeResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<UnsubscribeResult>();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir).Where(d => options.Includes(d.Provider)))
        {
            results.Add(await RunAsync(options, provider, connectionString, ct));
        }

        return results;
    }

    private static async Task<UnsubscribeResult> RunAsync(BenchOptions options, DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite (WAL)" : "PostgreSQL";
        Console.Error.WriteLine($"unsubscribe: starting the app on {name} (migrations + demo seed)…");
        await using var harness = Harness(provider, connectionString);
        try
        {
            await using var app = AppProcess.Start(options.WebDll, provider, connectionString, memoryEndpoint: false);
            await app.WaitHealthyAsync(TimeSpan.FromMinutes(3), ct);
            var (links, countRows) = await LinksAsync(harness, ct);
            var rowsBefore = await countRows();
            var loadBefore = LoadAverage();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = options.Callers })
            {
                BaseAddress = app.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };

            Console.Error.WriteLine($"unsubscribe: {links.Length} links; warming up…");
            await RunOnceAsync("warm-up", app, http, links, OneClick, options.Callers, 2, rate: null, ct);
            Console.Error.WriteLine($"unsubscribe: one-click, {options.Callers} callers for {options.Seconds} s…");
            var saturated = await RunOnceAsync("one-click POST", app, http, links, OneClick, options.Callers, options.Seconds, rate: null, ct);
            Console.Error.WriteLine($"unsubscribe: {saturated.PerSecond:0}/s; paced at {GoalPerSecond}/s…");
            var paced = await RunOnceAsync("one-click POST", app, http, links, OneClick, options.Callers, options.Seconds, GoalPerSecond, ct);
            Console.Error.WriteLine("unsubscribe: page GETs…");
            var page = await RunOnceAsync("page GET", app, http, links, link => new HttpRequestMessage(HttpMethod.Get, link), options.Callers, options.Seconds, rate: null, ct);
            return new UnsubscribeResult(name, links.Length, saturated, paced, page, await countRows() - rowsBefore, $"{loadBefore} → {LoadAverage()}");
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await using var scope = harness.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureDeletedAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The Core services of this process on the app's database: they sign links with the app's own key ring.</summary>
    internal static ServiceProvider Harness(DatabaseProvider provider, string connectionString) => new ServiceCollection()
        .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .AddLoyaltyHubCore(new ConfigurationBuilder().Build(), new DatabaseSettings(provider, connectionString))
        .BuildServiceProvider();

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static HttpRequestMessage OneClick(string link) => new(HttpMethod.Post, link)
    {
        Content = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]),
    };

    /// <summary>Signs one link per demo customer and channel with the app's key ring, read from the app's database.</summary>
    private static async Task<(string[] Links, Func<Task<int>> CountRows)> LinksAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenantId = await db.Tenants.Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync(ct);
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).Select(c => c.Id).ToListAsync(ct);
        var ring = services.GetRequiredService<UnsubscribeKeyRing>();
        var now = DateTimeOffset.UtcNow;
        var links = customers
            .SelectMany(id => new[] { MessageChannel.Email, MessageChannel.Sms }.Select(channel => "/u/" + ring.Sign(UnsubscribeClaim.ForCustomer(tenantId, id, channel, now))))
            .OrderBy(_ => Random.Shared.Next()).ToArray();

        async Task<int> CountRows()
        {
            await using var count = services.CreateAsyncScope();
            return await count.ServiceProvider.GetRequiredService<AppDbContext>().Set<ConsentLogEntry>().IgnoreQueryFilters()
                .CountAsync(e => e.Source == ConsentSources.OneClick, ct);
        }

        return (links, CountRows);
    }

    /// <summary>One run over the links, for <paramref name="seconds"/>.</summary>
    private static Task<HttpRun> RunOnceAsync(string what, AppProcess app, HttpClient http, string[] links, Func<string, HttpRequestMessage> request,
        int callers, int seconds, double? rate, CancellationToken ct) =>
        HttpLoad.RunAsync(what, app, http, n => request(links[n % links.Length]), callers, TimeSpan.FromSeconds(seconds), int.MaxValue, rate, ct);
}

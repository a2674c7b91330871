using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.Core.Features.WebShop;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

/// <param name="SqlPerOrder">EF commands of one traced order (authentication, idempotency claim, order, automatic messages, idempotency answer).</param>
/// <param name="MessagesPerOrder">Outbox rows (not test) the new-order alert and customer message queued per order answered 2xx.</param>
/// <param name="Stored">Orders of the run found in the database afterwards.</param>
/// <param name="ServerCpuMs">CPU time of the PostgreSQL backends per order; null on SQLite.</param>
internal sealed record OrdersResult(
    string Database, HttpRun Run, int Sent, int SqlPerOrder, double MessagesPerOrder, int Stored, double? ServerCpuMs, string LoadAverage)
{
    /// <summary>Every order answered 2xx and stored once.</summary>
    public bool Clean => Run.Ok == Sent && Run.Failed == 0 && Stored == Sent;
}

/// <summary>
/// Web-shop order ingestion over real HTTP: the web app as a child process in Development (demo
/// merchant with 5,000 customers) on SQLite in WAL and, when LOYALTYHUB_TEST_POSTGRES is set, on
/// PostgreSQL; the merchant is funded with SMS and email credits and in live mode with a mobile
/// for alerts, so every order queues its new-order alert and customer messages as a real shop's
/// does. <see cref="BenchOptions.Callers"/> callers POST <see cref="BenchOptions.Orders"/> orders
/// to /api/v1/orders (HTTP Basic with the merchant's API key, a new Idempotency-Key each, an
/// existing customer's contact, one to three lines), each sending its next order when the last is
/// answered, after a warm-up of <see cref="BenchOptions.Seconds"/>. Every answer must be 2xx. SQL commands are counted on one order traced through the
/// same Core services in this process (EF's diagnostic events).
/// </summary>
internal static class OrdersBenchmark
{
    public const int GoalPerSecond = 600;

    /// <summary>The merchant's mobile for "new order" alerts (a French number: the demo merchant is in France).</summary>
    private const string MerchantMobile = "+33612345678";

    /// <summary>
    /// A web-only instance (no outbox dispatcher, as OutboxOptions.Dispatch allows): ingestion is the
    /// order and its messages queued in one transaction; sending them is the dispatch benchmark's measure.
    /// </summary>
    private static readonly Dictionary<string, string> WebOnly = new() { ["Messaging__Outbox__Dispatch"] = "false" };

    private static readonly string[] Products = ["Espresso beans 1 kg", "Filter coffee 500 g", "Ceramic mug", "Gift box", "Decaf 250 g"];

    public static async Task<List<OrdersResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<OrdersResult>();
        using var commands = new SqlCommandCounter();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir).Where(d => options.Includes(d.Provider)))
        {
            results.Add(await RunAsync(options, provider, connectionString, commands, ct));
        }

        return results;
    }

    private static async Task<OrdersResult> RunAsync(
        BenchOptions options, DatabaseProvider provider, string connectionString, SqlCommandCounter commands, CancellationToken ct)
    {
        var name = provider == DatabaseProvider.Sqlite ? "SQLite (WAL)" : "PostgreSQL";
        Console.Error.WriteLine($"orders: starting the app on {name} (migrations + demo seed)…");
        await using var harness = UnsubscribeBenchmark.Harness(provider, connectionString);
        try
        {
            await using var app = AppProcess.Start(options.WebDll, provider, connectionString, memoryEndpoint: false, WebOnly);
            await app.WaitHealthyAsync(TimeSpan.FromMinutes(3), ct);
            var shop = await ShopAsync(harness, ct);
            foreach (var channel in new[] { MessageChannel.Sms, MessageChannel.Email })
            {
                await BenchMerchant.GrantAsync(harness, shop.TenantId, channel, CreditGrantLimit, ct);
            }

            await BenchMerchant.GoLiveAsync(harness, shop.TenantId, MerchantMobile, ct);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = options.Callers })
            {
                BaseAddress = app.BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{shop.Key}:{shop.Secret}")));

            // Long enough for tiered compilation to settle: for the first seconds the JIT rewriting
            // the hot paths takes a large share of the app's CPU.
            Console.Error.WriteLine($"orders: {name}: warming up for {options.Seconds} s…");
            var warm = await PostAsync("warm-up", app, http,
                n => JsonSerializer.SerializeToUtf8Bytes(Order(shop, Random.Shared, $"WARM-{n.ToString(CultureInfo.InvariantCulture)}"), JsonSerializerOptions.Web),
                int.MaxValue, TimeSpan.FromSeconds(options.Seconds), options.Callers, ct);
            if (warm.Failed > 0)
            {
                throw new InvalidOperationException($"The warm-up orders were not all accepted ({warm.StatusSummary}); first error: {warm.FirstError}");
            }

            var traced = await TraceOneOrderAsync(harness, shop, commands, ct);
            Console.Error.WriteLine($"orders: {name}: one order runs {traced.Count} SQL commands through EF:");
            traced.ForEach(sql => Console.Error.WriteLine("  " + sql.ReplaceLineEndings(" ")));

            var bodies = Bodies(shop, "BENCH", options.Orders);
            var loadBefore = MessagingBenchmark.LoadAverage();
            var messagesBefore = await CountAsync(harness, shop, db => db.Set<OutboxMessage>().CountAsync(m => !m.IsTest && m.Source.StartsWith("new_order"), ct));
            var serverCpu = await ServerCpuMsAsync(harness, shop, ct);
            Console.Error.WriteLine($"orders: {name}: {options.Orders} orders from {options.Callers} callers…");
            var run = await PostAsync("orders", app, http, n => bodies[n], bodies.Length, TimeSpan.FromMinutes(10), options.Callers, ct);
            var serverCpuMs = await ServerCpuMsAsync(harness, shop, ct) - serverCpu;
            var messages = await CountAsync(harness, shop, db => db.Set<OutboxMessage>().CountAsync(m => !m.IsTest && m.Source.StartsWith("new_order"), ct)) - messagesBefore;
            var stored = await CountAsync(harness, shop, db => db.Set<Order>().CountAsync(o => o.Number.StartsWith("BENCH-"), ct));
            Console.Error.WriteLine($"orders: {name}: {run.PerSecond:0}/s, p99 {run.P99Ms:0.0} ms; answers {run.StatusSummary}");
            return new OrdersResult(name, run, bodies.Length, traced.Count, (double)messages / Math.Max(1, run.Ok), stored,
                serverCpuMs / Math.Max(1, run.Ok), $"{loadBefore} → {MessagingBenchmark.LoadAverage()}");
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

    /// <summary><see cref="LoyaltyHub.Core.Features.Messaging.Credits.CreditGrantInput.MaxCredits"/>: ample for every message of a run.</summary>
    private const int CreditGrantLimit = LoyaltyHub.Core.Features.Messaging.Credits.CreditGrantInput.MaxCredits;

    /// <summary>The demo merchant, its API credentials and the contacts of its customers with both an email and a mobile.</summary>
    private sealed record Shop(Guid TenantId, string Key, string Secret, Contact[] Customers);

    private sealed record Contact(string Email, string Phone, string? FirstName, string? LastName, string? Language);

    private static async Task<Shop> ShopAsync(ServiceProvider harness, CancellationToken ct)
    {
        await using var probe = harness.CreateAsyncScope();
        var tenantId = await probe.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync(ct);
        await using var scope = harness.GetRequiredService<TenantScopeFactory>().CreateScope(tenantId);
        var credentials = await scope.ServiceProvider.GetRequiredService<ApiCredentialService>().GetAsync(ct)
            ?? throw new InvalidOperationException("The demo merchant has no API credentials.");
        var customers = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Customers
            .Where(c => c.Status == CustomerStatus.Active && c.Email != null && c.Phone != null)
            .Select(c => new Contact(c.Email!, c.Phone!, c.FirstName, c.LastName, c.Language))
            .ToArrayAsync(ct);
        return customers.Length == 0
            ? throw new InvalidOperationException("The demo merchant has no customer with an email and a mobile.")
            : new Shop(tenantId, credentials.Key, credentials.Secret, customers);
    }

    /// <summary>The JSON of <paramref name="count"/> orders numbered PREFIX-1…, made before the clock starts.</summary>
    private static byte[][] Bodies(Shop shop, string prefix, int count)
    {
        var random = new Random(count);
        return [.. Enumerable.Range(1, count).Select(n => JsonSerializer.SerializeToUtf8Bytes(Order(shop, random, $"{prefix}-{n.ToString(CultureInfo.InvariantCulture)}"), JsonSerializerOptions.Web))];
    }

    private static OrderInput Order(Shop shop, Random random, string number)
    {
        var customer = shop.Customers[random.Next(shop.Customers.Length)];
        var lines = Enumerable.Range(0, random.Next(1, 4)).Select(i => new LineInput
        {
            ProductCode = $"SKU-{random.Next(1, 200).ToString(CultureInfo.InvariantCulture)}",
            Name = Products[random.Next(Products.Length)],
            Quantity = random.Next(1, 4),
            UnitPrice = random.Next(250, 4_000),
        }).ToList();
        return new OrderInput
        {
            Number = number,
            Amount = lines.Sum(l => l.Quantity * l.UnitPrice),
            Currency = "EUR",
            Customer = new ContactInput { Email = customer.Email, Phone = customer.Phone, FirstName = customer.FirstName, LastName = customer.LastName, Language = customer.Language },
            Lines = lines,
        };
    }

    /// <param name="body">The JSON of order n.</param>
    private static Task<HttpRun> PostAsync(
        string what, AppProcess app, HttpClient http, Func<int, byte[]> body, int orders, TimeSpan duration, int callers, CancellationToken ct) =>
        HttpLoad.RunAsync(what, app, http, n =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new ByteArrayContent(body(n)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }, callers, duration, orders, rate: null, ct);

    /// <summary>
    /// The SQL of one order through the services the API calls, in the order it calls them: the
    /// credentials check (ApiKeyAuthenticationHandler), the idempotency claim (ApiIdempotency), the
    /// order with its automatic messages (POST /api/v1/orders), the kept answer. The second of two
    /// orders is traced, so the caches are as warm as the app's after its warm-up. The outbox's own
    /// INSERT (one per message on SQLite, one per call on PostgreSQL) is not an EF command.
    /// </summary>
    private static async Task<List<string>> TraceOneOrderAsync(ServiceProvider harness, Shop shop, SqlCommandCounter commands, CancellationToken ct)
    {
        await using var scope = harness.GetRequiredService<TenantScopeFactory>().CreateScope(shop.TenantId);
        var services = scope.ServiceProvider;
        var credentials = services.GetRequiredService<ApiCredentialService>();
        var requests = services.GetRequiredService<IdempotentRequests>();
        var random = new Random(7);
        async Task OrderAsync(string number)
        {
            _ = await credentials.AuthenticateAsync(shop.Key, shop.Secret, ct) ?? throw new InvalidOperationException("The API credentials were refused.");
            var claim = await requests.ClaimAsync(Guid.NewGuid().ToString(), "trace", ct) as IdempotencyClaim.Proceed
                ?? throw new InvalidOperationException("A new idempotency key was not claimed.");
            var created = await services.GetRequiredService<WebShopService>().CreateOrderAsync(Order(shop, random, number), ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The traced order was refused: {string.Join(" ", created.Errors.SelectMany(e => e.Value))}");
            }

            await requests.CompleteAsync(claim.RowId, 201, "{}", ct);
        }

        await OrderAsync("TRACE-1");
        return await commands.CaptureAsync(() => OrderAsync("TRACE-2"));
    }

    private static async Task<int> CountAsync(ServiceProvider harness, Shop shop, Func<AppDbContext, Task<int>> count)
    {
        await using var scope = harness.GetRequiredService<TenantScopeFactory>().CreateScope(shop.TenantId);
        return await count(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<double?> ServerCpuMsAsync(ServiceProvider harness, Shop shop, CancellationToken ct)
    {
        await using var scope = harness.GetRequiredService<TenantScopeFactory>().CreateScope(shop.TenantId);
        return await PostgresCpu.BackendsMsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
    }
}

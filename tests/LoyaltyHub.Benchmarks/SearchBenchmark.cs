using System.Diagnostics;
using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

/// <summary>Latency of one kind of call, in milliseconds; <see cref="Found"/> of <see cref="Runs"/> calls returned rows.</summary>
internal sealed record Latency(string Kind, double P50Ms, double P95Ms, double P99Ms, int Found, int Runs);

internal sealed record SearchResult(string Database, double SeedSeconds, double SeedCpuSeconds, int Customers, double InsertSeconds, double AnalyzeSeconds,
    IReadOnlyList<Latency> Lookups, IReadOnlyList<Latency> Lists);

/// <summary>
/// The counter's look-up (<see cref="CustomerService.LookupAsync"/>) and the manager's list
/// (<see cref="CustomerService.SearchAsync"/>) in a merchant of <see cref="BenchOptions.Customers"/>
/// customers, bulk-loaded (<see cref="BulkInsert"/>: prepared inserts on SQLite, COPY on PostgreSQL)
/// and then analysed, as the demo seed does. Each kind of search text — keys of random existing
/// customers and keys nobody has — is looked up <see cref="Lookups"/> times, one call after the other.
/// </summary>
internal static class SearchBenchmark
{
    private const int Lookups = 500;
    private const int Lists = 100;
    private const int Batch = 100_000;
    private static readonly string[] Names = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David"];

    public static async Task<List<SearchResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<SearchResult>();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir).Where(d => options.Includes(d.Provider)))
        {
            Console.Error.WriteLine($"search: {provider}: migrating and seeding the demo merchant…");
            await using var host = await CoreHost.StartAsync(provider, connectionString, ct);
            Console.Error.WriteLine($"search: {host.Name}: demo seeded in {host.SeedSeconds:0.0} s (CPU {host.SeedCpuSeconds:0.0} s); inserting {options.Customers:N0} customers…");
            var (insertSeconds, analyzeSeconds) = await InsertAsync(host, options.Customers, ct);
            Console.Error.WriteLine($"search: {host.Name}: inserted in {insertSeconds:0.0} s, analysed in {analyzeSeconds:0.0} s; looking up…");
            var lookups = await LookUpAsync(host, options.Customers, ct);
            Console.Error.WriteLine($"search: {host.Name}: listing…");
            results.Add(new SearchResult(host.Name, host.SeedSeconds, host.SeedCpuSeconds, options.Customers, insertSeconds, analyzeSeconds, lookups, await ListAsync(host, options.Customers, ct)));
        }

        return results;
    }

    /// <summary>
    /// Customer i: card 5 + i (padded, check digit), phone +337 + i, email bench.i@example.com, a name
    /// of the pool with a number (16 × 997 last names), registered i minutes after the first; one in
    /// ten is a pro, one in a hundred is closed.
    /// </summary>
    private static Customer Make(int i, int count, int[] shops, DateTimeOffset now)
    {
        var payload = "5" + i.ToString("D10", CultureInfo.InvariantCulture);
        var last = Names[i % Names.Length] + (i % 997).ToString(CultureInfo.InvariantCulture);
        var first = Names[(i / Names.Length) % Names.Length];
        return new Customer
        {
            CardNumber = payload + CardNumbers.CheckDigit(payload), FirstName = first, LastName = last,
            Email = $"bench.{i}@example.com", Phone = "+337" + i.ToString("D8", CultureInfo.InvariantCulture),
            SearchName = SearchKeys.Name(last, first), Status = Closed(i) ? CustomerStatus.Closed : CustomerStatus.Active,
            IsPro = i % 10 == 0, RegisteredShopId = shops[i % shops.Length], CreatedAt = now.AddMinutes(i - count),
        };
    }

    private static bool Closed(int i) => i % 100 == 99;

    private static async Task<(double Insert, double Analyze)> InsertAsync(CoreHost host, int count, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = host.TenantScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shops = await db.Shops.Select(s => s.Id).ToArrayAsync(ct);
        var now = DateTimeOffset.UtcNow;
        for (var from = 0; from < count; from += Batch)
        {
            await db.InsertAsync(Enumerable.Range(from, Math.Min(Batch, count - from)).Select(i => Make(i, count, shops, now)), ct); // one transaction each
        }

        var inserted = Stopwatch.GetElapsedTime(started).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        await PlannerStatistics.AnalyzeAsync(db.Database, ct);
        return (inserted, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task<List<Latency>> LookUpAsync(CoreHost host, int count, CancellationToken ct)
    {
        await using var scope = host.TenantScope();
        var service = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        Customer Existing()
        {
            var i = random.Next(count);
            return Make(Closed(i) ? i - 1 : i, count, [0], now);
        }

        Customer Missing() => Make(count + random.Next(1_000_000), count, [0], now);
        string Letters(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('a' + random.Next(26))));
        var kinds = new (string Kind, Func<string> Text)[]
        {
            ("card number", () => Existing().CardNumber),
            ("card number, unknown", () => Missing().CardNumber),
            ("phone (national form)", () => "0" + Existing().Phone![3..]),
            ("phone, unknown", () => "0" + Missing().Phone![3..]),
            ("email", () => Existing().Email!),
            ("email, unknown", () => Missing().Email!),
            ("name prefix (4 letters)", () => Existing().LastName[..4]),
            ("first and last name", () => Existing() is var c ? $"{c.FirstName} {c.LastName}" : ""),
            ("name, unknown (q + 3 letters)", () => "q" + Letters(3)),
        };
        var results = new List<Latency>();
        foreach (var (kind, text) in kinds)
        {
            await service.LookupAsync(text(), ct); // warm-up: plans and connections
            results.Add(await MeasureAsync(kind, Lookups, text, async t => (await service.LookupAsync(t, ct)).Count > 0));
        }

        return results;
    }

    /// <summary>The manager's list with its default page size: pages, sorts and filters a manager clicks through.</summary>
    private static async Task<List<Latency>> ListAsync(CoreHost host, int count, CancellationToken ct)
    {
        await using var scope = host.TenantScope();
        var service = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var shopId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.Select(s => s.Id).FirstAsync(ct);
        var random = new Random(11);
        const int page = 25;
        var pages = Math.Max(1, Math.Min(count, CustomerService.CountLimit) / page);
        var kinds = new (string Kind, Func<(CustomerSearch, CustomerPaging)> Call)[]
        {
            ("newest first, page 1", () => (new(), new(0, page))),
            ($"newest first, random page of {pages}", () => (new(), new(random.Next(pages) * page, page))),
            ("by name, random page", () => (new(), new(random.Next(pages) * page, page, CustomerSort.Name, Descending: false))),
            ("by last visit, page 1", () => (new(), new(0, page, CustomerSort.LastVisitAt))),
            ("text: name prefix", () => (new() { Text = Names[random.Next(Names.Length)][..4] }, new(0, page))),
            ("text: card number", () => (new() { Text = Make(random.Next(count), count, [0], DateTimeOffset.UtcNow).CardNumber }, new(0, page))),
            ("pro customers of one shop", () => (new() { IsPro = true, ShopId = shopId }, new(0, page))),
            ("registered in the last 7 days", () => (new() { CreatedFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-7)) }, new(0, page))),
            ("closed included, by card", () => (new() { IncludeClosed = true }, new(random.Next(pages) * page, page, CustomerSort.CardNumber))),
        };
        var results = new List<Latency>();
        foreach (var (kind, call) in kinds)
        {
            var (search, paging) = call();
            await service.SearchAsync(search, paging, ct); // warm-up
            results.Add(await MeasureAsync(kind, Lists, call, async c => (await service.SearchAsync(c.Item1, c.Item2, ct)).Rows.Count > 0));
        }

        return results;
    }

    /// <summary>Times <paramref name="runs"/> calls, one after the other, each with a fresh input made outside the timing.</summary>
    private static async Task<Latency> MeasureAsync<T>(string kind, int runs, Func<T> input, Func<T, Task<bool>> call)
    {
        var times = new List<double>(runs);
        var found = 0;
        for (var n = 0; n < runs; n++)
        {
            var next = input();
            var began = Stopwatch.GetTimestamp();
            found += await call(next) ? 1 : 0;
            times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }

        times.Sort();
        return new Latency(kind, Percentiles.Of(times, 50), Percentiles.Of(times, 95), Percentiles.Of(times, 99), found, runs);
    }
}

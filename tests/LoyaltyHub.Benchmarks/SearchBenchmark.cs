using System.Diagnostics;
using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

internal sealed record SearchResult(string Database, int Customers, double InsertSeconds, IReadOnlyList<(string Kind, double P50Ms, double P95Ms, int Found, int Lookups)> Kinds);

/// <summary>
/// The counter's look-up (<see cref="CustomerService.LookupAsync"/>) in a merchant of
/// <see cref="BenchOptions.Customers"/> customers: bulk-inserted in batches without change tracking,
/// then each kind of search text looked up <see cref="Lookups"/> times, one after the other.
/// </summary>
internal static class SearchBenchmark
{
    private const int Lookups = 200;
    private const int Batch = 10_000;
    private static readonly string[] Names = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David"];

    public static async Task<List<SearchResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<SearchResult>();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir))
        {
            Console.Error.WriteLine($"search: {provider}: migrating and seeding the demo merchant…");
            await using var host = await CoreHost.StartAsync(provider, connectionString, ct);
            Console.Error.WriteLine($"search: {host.Name}: demo seeded in {host.SeedSeconds:0.0} s; inserting {options.Customers:N0} customers…");
            var insertSeconds = await InsertAsync(host, options.Customers, ct);
            Console.Error.WriteLine($"search: {host.Name}: inserted in {insertSeconds:0.0} s; looking up…");
            results.Add(new SearchResult(host.Name, options.Customers, insertSeconds, await LookUpAsync(host, options.Customers, ct)));
        }

        return results;
    }

    /// <summary>Customer i: card 5 + i (padded, check digit), phone +337 + i, email bench.i@example.com, a name of the pool.</summary>
    private static Customer Make(int i, int shopId, DateTimeOffset now)
    {
        var payload = "5" + i.ToString("D10", CultureInfo.InvariantCulture);
        var last = Names[i % Names.Length] + (i % 997).ToString(CultureInfo.InvariantCulture);
        var first = Names[(i / Names.Length) % Names.Length];
        return new Customer
        {
            CardNumber = payload + CardNumbers.CheckDigit(payload), FirstName = first, LastName = last,
            Email = $"bench.{i}@example.com", Phone = "+337" + i.ToString("D8", CultureInfo.InvariantCulture),
            SearchName = SearchKeys.Name(last, first), Status = CustomerStatus.Active, RegisteredShopId = shopId, CreatedAt = now,
        };
    }

    private static async Task<double> InsertAsync(CoreHost host, int count, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = host.TenantScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        int shopId;
        await using (var probe = await factory.CreateDbContextAsync(ct))
        {
            shopId = await probe.Shops.Select(s => s.Id).FirstAsync(ct);
        }

        var now = DateTimeOffset.UtcNow;
        for (var from = 0; from < count; from += Batch)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Customers.AddRange(Enumerable.Range(from, Math.Min(Batch, count - from)).Select(i => Make(i, shopId, now)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<List<(string, double, double, int, int)>> LookUpAsync(CoreHost host, int count, CancellationToken ct)
    {
        await using var scope = host.TenantScope();
        var service = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var random = new Random(7);
        var kinds = new (string Kind, Func<Customer, string> Text)[]
        {
            ("card number", c => c.CardNumber),
            ("phone (national form)", c => "0" + c.Phone![3..]),
            ("email", c => c.Email!),
            ("name prefix (4 letters)", c => c.LastName[..4]),
        };
        var results = new List<(string, double, double, int, int)>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (kind, text) in kinds)
        {
            await service.LookupAsync(text(Make(0, 0, now)), ct); // warm-up: plans and connections
            var times = new List<double>(Lookups);
            var found = 0;
            for (var n = 0; n < Lookups; n++)
            {
                var query = text(Make(random.Next(count), 0, now));
                var began = Stopwatch.GetTimestamp();
                var rows = await service.LookupAsync(query, ct);
                times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                found += rows.Count > 0 ? 1 : 0;
            }

            times.Sort();
            results.Add((kind, Percentiles.Of(times, 50), Percentiles.Of(times, 95), found, Lookups));
        }

        return results;
    }
}

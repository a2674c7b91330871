using System.Diagnostics;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

internal sealed record PurchaseRun(int Callers, double Seconds, int Ok, int Failed, int Locked, double PerSecond, double P50Ms, double P99Ms, string? FirstError);

internal sealed record PurchaseResult(string Database, double SeedSeconds, PurchaseRun Saturated, PurchaseRun HalfRate);

/// <summary>
/// Records purchases through <see cref="PurchaseService.RecordAsync"/> (lookup + ledger + points),
/// first with <see cref="BenchOptions.Callers"/> callers as fast as they can, then paced at half the
/// rate reached. Latency of the paced run counts from each call's scheduled start (no coordinated omission).
/// </summary>
internal static class PurchaseBenchmark
{
    public static async Task<List<PurchaseResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<PurchaseResult>();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir))
        {
            Console.Error.WriteLine($"purchase: {provider}: migrating and seeding the demo merchant…");
            await using var host = await CoreHost.StartAsync(provider, connectionString, ct);
            var (customers, shops) = await TargetsAsync(host, ct);
            Console.Error.WriteLine($"purchase: {host.Name}: seeded in {host.SeedSeconds:0.0} s; {options.Callers} callers for {options.Seconds} s…");
            var saturated = await RunOnceAsync(host, customers, shops, options.Callers, options.Seconds, rate: null, ct);
            Console.Error.WriteLine($"purchase: {host.Name}: {saturated.PerSecond:0}/s; paced at {saturated.PerSecond / 2:0}/s…");
            var half = await RunOnceAsync(host, customers, shops, options.Callers, options.Seconds, saturated.PerSecond / 2, ct);
            results.Add(new PurchaseResult(host.Name, host.SeedSeconds, saturated, half));
        }

        return results;
    }

    private static async Task<(int[] Customers, int[] Shops)> TargetsAsync(CoreHost host, CancellationToken ct)
    {
        await using var scope = host.TenantScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return ([.. await db.Customers.Select(c => c.Id).ToListAsync(ct)], [.. await db.Shops.Select(s => s.Id).ToListAsync(ct)]);
    }

    private static async Task<PurchaseRun> RunOnceAsync(CoreHost host, int[] customers, int[] shops, int callers, int seconds, double? rate, CancellationToken ct)
    {
        var latencies = new List<double>[callers];
        int ok = 0, failed = 0, locked = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var duration = TimeSpan.FromSeconds(seconds);
        var by = new CustomerActor(null, "benchmark", null);

        async Task CallerAsync(int caller)
        {
            var random = new Random(caller);
            var mine = latencies[caller] = [];
            await using var scope = host.TenantScope();
            var service = scope.ServiceProvider.GetRequiredService<PurchaseService>();
            for (var n = 0L; ; n++)
            {
                var scheduled = start;
                if (rate is { } perSecond)
                {
                    // Call n of this caller is due at (n × callers + caller) / rate seconds.
                    scheduled = start + (long)((n * callers + caller) / perSecond * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, ct);
                    }
                }

                if (Stopwatch.GetElapsedTime(start) >= duration)
                {
                    return;
                }

                var began = rate is null ? Stopwatch.GetTimestamp() : scheduled;
                var input = new PurchaseInput
                {
                    IdempotencyKey = Guid.NewGuid(),
                    CustomerId = customers[random.Next(customers.Length)],
                    ShopId = shops[random.Next(shops.Length)],
                    AmountMinor = random.Next(100, 5_000),
                };
                try
                {
                    var result = await service.RecordAsync(input, by, ct);
                    if (result.Succeeded)
                    {
                        Interlocked.Increment(ref ok);
                        mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, string.Join("; ", result.Errors.Values.SelectMany(e => e)), null);
                    }
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    Interlocked.Increment(ref failed);
                    if (e.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase))
                    {
                        Interlocked.Increment(ref locked);
                    }

                    Interlocked.CompareExchange(ref firstError, e.GetBaseException().Message, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c), ct)));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new PurchaseRun(callers, elapsed, ok, failed, locked, ok / elapsed, Percentiles.Of(all, 50), Percentiles.Of(all, 99), firstError);
    }
}

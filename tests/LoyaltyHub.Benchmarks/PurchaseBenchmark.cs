using System.Collections.Concurrent;
using System.Diagnostics;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// One run: calls that succeeded and failed, latency percentiles of the successful ones (ms), SQL
/// commands per call, and the CPU time per call of this process (callers, services and SQLite) and
/// of the PostgreSQL server's backends for the benchmark database (null on SQLite): the figures
/// that hold when the shared machine is busy.
/// </summary>
internal sealed record PurchaseRun(
    string Mode, double Seconds, int Ok, int Failed, int Locked, double PerSecond, double P50Ms, double P95Ms, double P99Ms,
    double CommandsPerCall, double CpuMsPerCall, double? ServerCpuMsPerCall, string? FirstError);

/// <summary>The goal rate of the database, the two runs, and the machine's load average before and after them.</summary>
internal sealed record PurchaseResult(string Database, double SeedSeconds, int Goal, PurchaseRun Saturated, PurchaseRun HalfGoal, string Load);

/// <summary>
/// Records purchases through <see cref="PurchaseService.RecordAsync"/> (lookup + ledger + points) on
/// the seeded demo merchant: first <see cref="BenchOptions.Callers"/> callers each recording one
/// purchase after the other as fast as they can (throughput), then an open loop at half the goal rate
/// (latency): purchases start on a fixed schedule whatever the earlier ones are doing, and each
/// latency counts from the scheduled start, so a stall shows in the percentiles instead of slowing
/// the load down. Every failed call counts as an error; "database is locked" ones are also counted
/// apart. SQL commands are counted through EF's diagnostic events.
/// </summary>
internal static class PurchaseBenchmark
{
    public static async Task<List<PurchaseResult>> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var results = new List<PurchaseResult>();
        using var commands = new SqlCommandCounter();
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir).Where(d => options.Database is null || d.Provider == options.Database))
        {
            Console.Error.WriteLine($"purchase: {provider}: migrating and seeding the demo merchant…");
            await using var host = await CoreHost.StartAsync(provider, connectionString, ct);
            var targets = await TargetsAsync(host, ct);
            var goal = provider == DatabaseProvider.Sqlite ? 1_000 : 600;
            var loadBefore = LoadAverage();
            Console.Error.WriteLine($"purchase: {host.Name}: seeded in {host.SeedSeconds:0.0} s; load {loadBefore}; warming up…");
            await ClosedLoopAsync(host, targets, options.Callers, 2, commands, ct);
            await TraceOnePurchaseAsync(host, targets, commands, ct);

            Console.Error.WriteLine($"purchase: {host.Name}: {options.Callers} callers for {options.Seconds} s…");
            var saturated = await ClosedLoopAsync(host, targets, options.Callers, options.Seconds, commands, ct);
            Console.Error.WriteLine($"purchase: {host.Name}: {saturated.PerSecond:0}/s; open loop at {goal / 2}/s for {options.Seconds} s…");
            var half = await OpenLoopAsync(host, targets, goal / 2.0, options.Seconds, commands, ct);
            Console.Error.WriteLine($"purchase: {host.Name}: p50 {half.P50Ms:0.0} ms, p95 {half.P95Ms:0.0} ms, p99 {half.P99Ms:0.0} ms");
            results.Add(new PurchaseResult(host.Name, host.SeedSeconds, goal, saturated, half, $"{loadBefore} → {LoadAverage()}"));
        }

        return results;
    }

    private sealed record Targets(int[] Customers, int[] Shops);

    private static async Task<Targets> TargetsAsync(CoreHost host, CancellationToken ct)
    {
        // SMS credits for every "points credited" message (on by default): the path measured is the one that queues it.
        await using (var admin = host.Services.CreateAsyncScope())
        {
            await admin.ServiceProvider.GetRequiredService<LoyaltyHub.Core.Features.Messaging.Credits.CreditService>().GrantAsync(host.TenantId,
                new() { Channel = LoyaltyHub.Core.Features.Messaging.MessageChannel.Sms, Credits = 10_000_000, Reason = "benchmark" }, "bench", ct);
        }

        await using var scope = host.TenantScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return new([.. await db.Customers.Where(c => c.Status == CustomerStatus.Active).Select(c => c.Id).ToListAsync(ct)],
            [.. await db.Shops.Select(s => s.Id).ToListAsync(ct)]);
    }

    /// <summary>The 1, 5 and 15 minute load averages of the machine (shared with other work).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Prints the SQL of one purchase to stderr: what a purchase costs in round trips.</summary>
    private static async Task TraceOnePurchaseAsync(CoreHost host, Targets targets, SqlCommandCounter commands, CancellationToken ct)
    {
        var traced = await commands.CaptureAsync(() => RecordInScopeAsync(host, targets, new Random(7), ct));
        Console.Error.WriteLine($"purchase: {host.Name}: one purchase runs {traced.Count} SQL commands:");
        foreach (var sql in traced)
        {
            Console.Error.WriteLine("  " + sql.ReplaceLineEndings(" "));
        }
    }

    private static async Task<PurchaseRun> ClosedLoopAsync(CoreHost host, Targets targets, int callers, int seconds, SqlCommandCounter commands, CancellationToken ct)
    {
        var tally = await Tally.StartAsync(host, commands, ct);
        var duration = TimeSpan.FromSeconds(seconds);
        // Each caller is a counter: one scope (its circuit) for all its purchases.
        async Task CallerAsync(int caller)
        {
            var random = new Random(caller);
            await using var scope = host.TenantScope();
            var service = scope.ServiceProvider.GetRequiredService<PurchaseService>();
            while (Stopwatch.GetElapsedTime(tally.Start) < duration)
            {
                await tally.TimeAsync(Stopwatch.GetTimestamp(), () => RecordOneAsync(service, targets, random, ct));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c), ct)));
        return await tally.FinishAsync($"{callers} callers", ct);
    }

    private static async Task<PurchaseRun> OpenLoopAsync(CoreHost host, Targets targets, double perSecond, int seconds, SqlCommandCounter commands, CancellationToken ct)
    {
        var tally = await Tally.StartAsync(host, commands, ct);
        var random = new Random(42);
        var calls = new List<Task>();
        for (var n = 0; n < perSecond * seconds; n++)
        {
            var due = tally.Start + (long)(n / perSecond * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var seed = random.Next();
            calls.Add(Task.Run(() => tally.TimeAsync(due, () => RecordInScopeAsync(host, targets, new Random(seed), ct)), ct));
        }

        await Task.WhenAll(calls);
        return await tally.FinishAsync($"open loop at {perSecond:0}/s", ct);
    }

    /// <summary>One purchase in a scope of its own, as one request from a counter.</summary>
    private static async Task<string?> RecordInScopeAsync(CoreHost host, Targets targets, Random random, CancellationToken ct)
    {
        await using var scope = host.TenantScope();
        return await RecordOneAsync(scope.ServiceProvider.GetRequiredService<PurchaseService>(), targets, random, ct);
    }

    /// <summary>One purchase of a random customer in a random shop; the refusal message, or null.</summary>
    private static async Task<string?> RecordOneAsync(PurchaseService service, Targets targets, Random random, CancellationToken ct)
    {
        var input = new PurchaseInput
        {
            IdempotencyKey = Guid.NewGuid(),
            CustomerId = targets.Customers[random.Next(targets.Customers.Length)],
            ShopId = targets.Shops[random.Next(targets.Shops.Length)],
            AmountMinor = random.Next(100, 5_000),
        };
        var result = await service.RecordAsync(input, new CustomerActor(null, "benchmark", null), ct);
        return result.Succeeded ? null : string.Join("; ", result.Errors.Values.SelectMany(e => e));
    }

    /// <summary>Counts and times the calls of one run, from any thread.</summary>
    private sealed class Tally
    {
        private readonly ConcurrentBag<double> latencies = [];
        private readonly CoreHost host;
        private readonly SqlCommandCounter commands;
        private readonly long commandsBefore;
        private readonly TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly double? serverCpuBefore;
        private int failed;
        private int locked;
        private string? firstError;

        private Tally(CoreHost host, SqlCommandCounter commands, double? serverCpuBefore)
        {
            this.host = host;
            this.commands = commands;
            commandsBefore = commands.Count;
            this.serverCpuBefore = serverCpuBefore;
        }

        public long Start { get; } = Stopwatch.GetTimestamp();

        public static async Task<Tally> StartAsync(CoreHost host, SqlCommandCounter commands, CancellationToken ct) =>
            new(host, commands, await ServerCpuMsAsync(host, ct));

        /// <summary>Runs one call; its latency counts from <paramref name="began"/>.</summary>
        public async Task TimeAsync(long began, Func<Task<string?>> call)
        {
            try
            {
                if (await call() is { } refused)
                {
                    Fail(refused);
                    return;
                }

                latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                if (e.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref locked);
                }

                Fail(e.GetBaseException().Message);
            }
        }

        public async Task<PurchaseRun> FinishAsync(string mode, CancellationToken ct)
        {
            var seconds = Stopwatch.GetElapsedTime(Start).TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var serverCpu = await ServerCpuMsAsync(host, ct) - serverCpuBefore;
            var sorted = latencies.Order().ToList();
            var calls = Math.Max(1, sorted.Count + failed);
            return new PurchaseRun(mode, seconds, sorted.Count, failed, locked, sorted.Count / seconds,
                Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 95), Percentiles.Of(sorted, 99),
                (double)(commands.Count - commandsBefore) / calls, cpu / calls, serverCpu / calls, firstError);
        }

        private static async Task<double?> ServerCpuMsAsync(CoreHost host, CancellationToken ct)
        {
            await using var scope = host.TenantScope();
            return await PostgresCpu.BackendsMsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
        }

        private void Fail(string message)
        {
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, message, null);
        }
    }
}

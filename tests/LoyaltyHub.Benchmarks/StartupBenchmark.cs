namespace LoyaltyHub.Benchmarks;

/// <summary>
/// Process start → GET /health answers 200, on the embedded default (SQLite, Development). Each run
/// starts once on a fresh file (cold: migrations and demo seeding included), stops, then starts again
/// on the same file (warm).
/// </summary>
internal static class StartupBenchmark
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(3);

    public static async Task<StartupResult> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken cancellationToken)
    {
        var cold = new List<double>();
        var warm = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var database = Path.Combine(workDir.FullName, $"start-{run}", "app.db");
            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            cold.Add(await StartOnceAsync(options, database, cancellationToken));
            warm.Add(await StartOnceAsync(options, database, cancellationToken));
            Console.Error.WriteLine($"[start] run {run}/{options.Runs}: cold {cold[^1]:0} ms, warm {warm[^1]:0} ms");
        }

        return new StartupResult(cold, warm);
    }

    private static async Task<double> StartOnceAsync(BenchOptions options, string database, CancellationToken cancellationToken)
    {
        await using var app = AppProcess.Start(options.WebDll, database, memoryEndpoint: false);
        return (await app.WaitHealthyAsync(HealthTimeout, cancellationToken)).TotalMilliseconds;
    }
}

internal sealed record StartupResult(IReadOnlyList<double> ColdMs, IReadOnlyList<double> WarmMs);

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LoyaltyHub.Benchmarks;

// Usage: see BenchOptions.Usage (or run with --help). Progress goes to stderr, the report to stdout.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // unwind through the using/finally blocks, which stop the app and the browser
    stop.Cancel();
};

var workDir = Directory.CreateTempSubdirectory("loyaltyhub-bench-");
try
{
    var startup = options.RunStart ? await StartupBenchmark.RunAsync(options, workDir, stop.Token) : null;
    var memory = options.RunMemory ? await CircuitMemoryBenchmark.RunAsync(options, workDir, stop.Token) : null;
    var purchases = options.RunPurchase ? await PurchaseBenchmark.RunAsync(options, workDir, stop.Token) : [];
    var searches = options.RunSearch ? await SearchBenchmark.RunAsync(options, workDir, stop.Token) : [];
    var unsubscribe = options.RunUnsubscribe ? await UnsubscribeBenchmark.RunAsync(options, workDir, stop.Token) : [];
    var orders = options.RunOrders ? await OrdersBenchmark.RunAsync(options, workDir, stop.Token) : [];
    var messaging = options.RunEnqueue || options.RunDispatch ? await MessagingBenchmark.RunAsync(options, workDir, stop.Token) : "";
    Console.WriteLine(Report(options, startup, memory) + CoreReport.Of(purchases, searches) + CoreReport.Of(unsubscribe) + CoreReport.Of(orders) + messaging);
    if (orders.Find(o => !o.Clean) is { } unclean)
    {
        Console.Error.WriteLine($"FAILED: orders on {unclean.Database}: {unclean.Run.Ok} of {unclean.Sent} answered 2xx, {unclean.Stored} stored; answers {unclean.Run.StatusSummary}; first error: {unclean.Run.FirstError}");
        return 1;
    }

    return memory is null || memory.LivePages == memory.Pages ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or Microsoft.Playwright.PlaywrightException or TimeoutException
    or System.Data.Common.DbException)
{
    Console.Error.WriteLine($"Benchmark failed: {e}");
    return 1;
}
finally
{
    workDir.Delete(recursive: true);
}

static string Report(BenchOptions options, StartupResult? startup, MemoryResult? memory)
{
    var c = CultureInfo.InvariantCulture;
    var report = new StringBuilder();
    report.AppendLine(c, $"## LoyaltyHub benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
    report.AppendLine();
    report.AppendLine(c, $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPUs, {RuntimeInformation.FrameworkDescription}, Release build");
    report.AppendLine();
    report.AppendLine("| Measure | Result | Detail |");
    report.AppendLine("| --- | ---: | --- |");
    if (startup is not null)
    {
        report.AppendLine(c, $"| Start → healthy, cold (fresh SQLite: migrations + demo seed) | {Median(startup.ColdMs):0} ms | median of {startup.ColdMs.Count}; runs {Runs(startup.ColdMs)} ms |");
        report.AppendLine(c, $"| Start → healthy, warm (existing SQLite file) | {Median(startup.WarmMs):0} ms | median of {startup.WarmMs.Count}; runs {Runs(startup.WarmMs)} ms |");
    }

    if (memory is not null)
    {
        var verdict = memory.ManagedKbPerCircuit <= 400 ? "meets" : "MISSES";
        report.AppendLine(c, $"| Managed memory per idle circuit (GC.GetTotalMemory) | {memory.ManagedKbPerCircuit:0.0} KB | {verdict} the goal of ≤ 400 KB; {memory.Circuits} circuits, {KB(memory.Before.TotalMemoryBytes)} → {KB(memory.After.TotalMemoryBytes)} KB after full GC |");
        report.AppendLine(c, $"| GC heap size per idle circuit (HeapSizeBytes) | {memory.HeapKbPerCircuit:0.0} KB | {KB(memory.Before.HeapSizeBytes)} → {KB(memory.After.HeapSizeBytes)} KB |");
        report.AppendLine(c, $"| Process RSS per idle circuit (VmRSS, information) | {memory.RssKbPerCircuit:0.0} KB | {memory.RssBeforeKb} → {memory.RssAfterKb} KB |");
        report.AppendLine(c, $"| Pages still live after measuring | {memory.LivePages}/{memory.Pages} | {options.Contexts} browser contexts, idle {options.IdleSeconds} s, Chromium {memory.BrowserVersion} |");
    }

    return report.ToString();

    static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static string Runs(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

    static string KB(long bytes) => (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture);
}

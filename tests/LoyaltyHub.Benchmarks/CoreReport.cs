using System.Globalization;
using System.Text;

namespace LoyaltyHub.Benchmarks;

/// <summary>Markdown rows of the purchase and search benchmarks, with the issue's goals.</summary>
internal static class CoreReport
{
    public static string Of(IReadOnlyList<PurchaseResult> purchases, IReadOnlyList<SearchResult> searches)
    {
        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        foreach (var p in purchases)
        {
            var goal = p.Database.StartsWith("SQLite", StringComparison.Ordinal) ? 1_000 : 600;
            var s = p.Saturated;
            var h = p.HalfRate;
            report.AppendLine(c, $"| Demo seed (5,000 customers, 50,000 purchases), {p.Database} | {p.SeedSeconds:0.0} s | goal < 30 s |");
            report.AppendLine(c, $"| Purchases recorded/s, {p.Database}, {s.Callers} callers | {s.PerSecond:0} | {Verdict(s.PerSecond >= goal)} ≥ {goal}/s; {s.Ok:N0} ok in {s.Seconds:0.0} s; p50 {s.P50Ms:0.0} ms, p99 {s.P99Ms:0.0} ms; errors {s.Failed} (database is locked: {s.Locked}){First(s)} |");
            report.AppendLine(c, $"| Purchase p99 at half rate ({s.PerSecond / 2:0}/s), {p.Database} | {h.P99Ms:0.0} ms | {Verdict(h.P99Ms <= 25)} ≤ 25 ms; {h.PerSecond:0}/s achieved, p50 {h.P50Ms:0.0} ms; errors {h.Failed} (locked: {h.Locked}){First(h)} |");
        }

        foreach (var r in searches)
        {
            report.AppendLine(c, $"| Demo seed (5,000 customers, 50,000 purchases), {r.Database} | {r.SeedSeconds:0.0} s | {Verdict(r.SeedSeconds < 30)} < 30 s; CPU time {r.SeedCpuSeconds:0.0} s |");
            var load = $"{r.Customers:N0} customers loaded in {r.InsertSeconds:0.0} s, analysed in {r.AnalyzeSeconds:0.0} s";
            foreach (var k in r.Lookups)
            {
                report.AppendLine(c, $"| Counter look-up p95, {k.Kind}, {r.Database}, {r.Customers:N0} customers | {k.P95Ms:0.0} ms | {Verdict(k.P95Ms <= 50)} ≤ 50 ms; p50 {k.P50Ms:0.0} ms, p99 {k.P99Ms:0.0} ms; found {k.Found}/{k.Runs}; {load} |");
            }

            foreach (var k in r.Lists)
            {
                report.AppendLine(c, $"| Manager's customer list p95, {k.Kind}, {r.Database}, {r.Customers:N0} customers | {k.P95Ms:0.0} ms | p50 {k.P50Ms:0.0} ms, p99 {k.P99Ms:0.0} ms; rows in {k.Found}/{k.Runs} |");
            }
        }

        return report.ToString();

        static string Verdict(bool met) => met ? "meets" : "MISSES";

        static string First(PurchaseRun run) => run.FirstError is null ? "" : $"; first error: {run.FirstError.ReplaceLineEndings(" ")}";
    }
}

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
            foreach (var (kind, p50, p95, found, lookups) in r.Kinds)
            {
                report.AppendLine(c, $"| Counter look-up p95 by {kind}, {r.Database}, {r.Customers:N0} customers | {p95:0.0} ms | {Verdict(p95 <= 50)} ≤ 50 ms; p50 {p50:0.0} ms; found {found}/{lookups}; insert {r.InsertSeconds:0.0} s |");
            }
        }

        return report.ToString();

        static string Verdict(bool met) => met ? "meets" : "MISSES";

        static string First(PurchaseRun run) => run.FirstError is null ? "" : $"; first error: {run.FirstError.ReplaceLineEndings(" ")}";
    }
}

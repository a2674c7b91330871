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

    public static string Of(UnsubscribeResult? u)
    {
        if (u is null)
        {
            return "";
        }

        var c = CultureInfo.InvariantCulture;
        var goal = UnsubscribeBenchmark.GoalPerSecond;
        var s = u.OneClickSaturated;
        var p = u.OneClickPaced;
        var g = u.PageSaturated;
        var report = new StringBuilder();
        report.AppendLine(c, $"| Unsubscribe one-click POST/s, SQLite (WAL), {s.Callers} callers | {s.PerSecond:0} | {(s.PerSecond >= goal ? "meets" : "MISSES")} ≥ {goal}/s; {s.Ok:N0} ok in {s.Seconds:0.0} s; p50 {s.P50Ms:0.0} ms, p99 {s.P99Ms:0.0} ms; errors {s.Failed}{First(s)} |");
        report.AppendLine(c, $"| Unsubscribe one-click p99 paced at {goal}/s, SQLite (WAL) | {p.P99Ms:0.0} ms | {(p.P99Ms <= 50 && p.PerSecond >= goal * 0.95 ? "meets" : "MISSES")} ≤ 50 ms; {p.PerSecond:0}/s achieved, p50 {p.P50Ms:0.0} ms; errors {p.Failed}{First(p)}; {u.ConsentRowsWritten:N0} consents withdrawn over {u.Links:N0} links |");
        report.AppendLine(c, $"| Unsubscribe page GET/s, SQLite (WAL), {g.Callers} callers | {g.PerSecond:0} | information; p50 {g.P50Ms:0.0} ms, p99 {g.P99Ms:0.0} ms; errors {g.Failed}{First(g)}; 1/5/15-min load average {u.LoadAverage} |");
        return report.ToString();

        static string First(HttpRun run) => run.FirstError is null ? "" : $"; first error: {run.FirstError.ReplaceLineEndings(" ")}";
    }
}

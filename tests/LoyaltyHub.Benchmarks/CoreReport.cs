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
            var s = p.Saturated;
            var h = p.HalfGoal;
            report.AppendLine(c, $"| Demo seed (5,000 customers, 50,000 purchases), {p.Database} | {p.SeedSeconds:0.0} s | goal < 30 s |");
            report.AppendLine(c, $"| Purchases recorded/s, {p.Database}, {s.Mode} | {s.PerSecond:0} | {Verdict(s.PerSecond >= p.Goal && s.Failed == 0)} ≥ {p.Goal}/s with no error; {Detail(s)} |");
            report.AppendLine(c, $"| Purchase p99 at {p.Goal / 2}/s (half the goal, open loop), {p.Database} | {h.P99Ms:0.0} ms | {Verdict(h.P99Ms <= 25 && h.Failed == 0)} ≤ 25 ms with no error; {Detail(h)}; load average {p.Load} |");
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

        static string Detail(PurchaseRun run) => string.Create(CultureInfo.InvariantCulture,
            $"{run.Ok:N0} ok in {run.Seconds:0.0} s ({run.PerSecond:0}/s); p50 {run.P50Ms:0.0} ms, p95 {run.P95Ms:0.0} ms, p99 {run.P99Ms:0.0} ms; {run.CommandsPerCall:0.0} SQL commands, {run.CpuMsPerCall:0.00} ms CPU of this process{(run.ServerCpuMsPerCall is { } server ? $" and {server:0.00} ms of the PostgreSQL server" : "")} per purchase; errors {run.Failed} (database is locked: {run.Locked})")
            + (run.FirstError is null ? "" : $"; first error: {run.FirstError.ReplaceLineEndings(" ")}");
    }

    public static string Of(IReadOnlyList<UnsubscribeResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var goal = UnsubscribeBenchmark.GoalPerSecond;
        var report = new StringBuilder();
        foreach (var u in results)
        {
            var s = u.OneClickSaturated;
            var p = u.OneClickPaced;
            var g = u.PageSaturated;
            report.AppendLine(c, $"| Unsubscribe one-click POST/s, {u.Database}, {s.Callers} callers | {s.PerSecond:0} | {(s.PerSecond >= goal ? "meets" : "MISSES")} ≥ {goal}/s; {s.Ok:N0} ok in {s.Seconds:0.0} s; p50 {s.P50Ms:0.0} ms, p99 {s.P99Ms:0.0} ms; {s.AppCpuMs:0.00} ms CPU of the app per call; errors {s.Failed}{First(s)} |");
            report.AppendLine(c, $"| Unsubscribe one-click p99 paced at {goal}/s, {u.Database} | {p.P99Ms:0.0} ms | {(p.P99Ms <= 50 && p.PerSecond >= goal * 0.95 ? "meets" : "MISSES")} ≤ 50 ms; {p.PerSecond:0}/s achieved, p50 {p.P50Ms:0.0} ms; {p.AppCpuMs:0.00} ms CPU of the app per call; errors {p.Failed}{First(p)}; {u.ConsentRowsWritten:N0} consents withdrawn over {u.Links:N0} links |");
            report.AppendLine(c, $"| Unsubscribe page GET/s, {u.Database}, {g.Callers} callers | {g.PerSecond:0} | information; p50 {g.P50Ms:0.0} ms, p99 {g.P99Ms:0.0} ms; {g.AppCpuMs:0.00} ms CPU of the app per call; errors {g.Failed}{First(g)}; 1/5/15-min load average {u.LoadAverage} |");
        }

        return report.ToString();

        static string First(HttpRun run) => run.FirstError is null ? "" : $"; first error: {run.FirstError.ReplaceLineEndings(" ")}";
    }

    public static string Of(IReadOnlyList<OrdersResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var goal = OrdersBenchmark.GoalPerSecond;
        var report = new StringBuilder();
        foreach (var o in results)
        {
            var r = o.Run;
            var server = o.ServerCpuMs is { } ms ? $" and {ms:0.00} ms of the PostgreSQL server" : "";
            report.AppendLine(c, $"| Web-shop orders through the API/s, {o.Database}, {r.Callers} callers | {r.PerSecond:0} | {(r.PerSecond >= goal && o.Clean ? "meets" : "MISSES")} ≥ {goal}/s with every answer 2xx; {r.Ok:N0} of {o.Sent:N0} in {r.Seconds:0.0} s, {o.Stored:N0} stored; answers {r.StatusSummary}; p50 {r.P50Ms:0.0} ms, p95 {r.P95Ms:0.0} ms, p99 {r.P99Ms:0.0} ms; {o.MessagesPerOrder:0.00} messages queued per order; {o.SqlPerOrder} SQL commands (EF) per order; {r.AppCpuMs:0.00} ms CPU of the app{server} per order; load {o.LoadAverage}{(r.FirstError is null ? "" : $"; first error: {r.FirstError.ReplaceLineEndings(" ")}")} |");
        }

        return report.ToString();
    }
}

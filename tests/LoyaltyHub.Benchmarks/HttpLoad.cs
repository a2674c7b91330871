using System.Diagnostics;

namespace LoyaltyHub.Benchmarks;

/// <param name="Statuses">Answers per HTTP status code; 0 counts calls that got no answer (connection error, timeout).</param>
/// <param name="AppCpuMs">CPU time of the app process per successful call: what a call costs on a busy machine, where wall time mostly measures waiting.</param>
internal sealed record HttpRun(string What, int Callers, double Seconds, int Ok, int Failed, double PerSecond, double P50Ms, double P99Ms, string? FirstError)
{
    public double P95Ms { get; init; }

    public IReadOnlyDictionary<int, int> Statuses { get; init; } = new Dictionary<int, int>();

    public double AppCpuMs { get; init; }

    /// <summary>"201 × 3000, 429 × 12": the answers by status code.</summary>
    public string StatusSummary => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)} × {s.Value}"));
}

/// <summary>
/// Calls the app over HTTP from <c>callers</c> concurrent callers, each sending its next request as
/// soon as the previous one is answered (closed loop), or at a fixed rate (open loop: latency counts
/// from each call's scheduled start, so a stall shows in the percentiles instead of slowing the load
/// down). A run ends after <c>duration</c> or after <c>calls</c> requests, whichever comes first.
/// </summary>
internal static class HttpLoad
{
    /// <param name="request">Request number n (0, 1, 2, … across all callers).</param>
    public static async Task<HttpRun> RunAsync(string what, AppProcess app, HttpClient http, Func<int, HttpRequestMessage> request,
        int callers, TimeSpan duration, int calls, double? rate, CancellationToken ct)
    {
        var latencies = new List<double>[callers];
        var statuses = new int[600];
        var cpu = app.CpuTime();
        int ok = 0, failed = 0, next = -1;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();

        async Task CallerAsync(int caller)
        {
            var mine = latencies[caller] = [];
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

                var number = Interlocked.Increment(ref next);
                if (number >= calls || Stopwatch.GetElapsedTime(start) >= duration)
                {
                    return;
                }

                var began = rate is null ? Stopwatch.GetTimestamp() : scheduled;
                try
                {
                    using var message = request(number);
                    using var response = await http.SendAsync(message, ct);
                    Interlocked.Increment(ref statuses[Math.Clamp((int)response.StatusCode, 0, statuses.Length - 1)]);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                        mine.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref statuses[0]);
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, e.GetBaseException().Message, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c), ct)));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new HttpRun(what, callers, elapsed, ok, failed, ok / elapsed, Percentiles.Of(all, 50), Percentiles.Of(all, 99), firstError)
        {
            P95Ms = Percentiles.Of(all, 95),
            Statuses = statuses.Select((count, status) => (count, status)).Where(s => s.count > 0).ToDictionary(s => s.status, s => s.count),
            AppCpuMs = (app.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, ok),
        };
    }
}

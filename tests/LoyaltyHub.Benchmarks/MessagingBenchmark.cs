using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// --only enqueue: <see cref="IMessageOutbox.QueueAsync"/> of N rendered SMS in one call (goal ≤ 6 s
/// for 100,000). --only dispatch: the same N dispatched through the webhook SMS gateway (signed JSON
/// over HTTP, as in production) to a stand-in service on loopback in this process, timed until every
/// row is Sent (goal ≥ 5,000/s end to end). Each line also gives this process's CPU time per message
/// (the stand-in's share included for dispatch) and the load average: the machine is shared.
/// </summary>
internal static class MessagingBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        await using var standIn = await StandInAsync(ct);
        var url = standIn.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/sms";
        foreach (var (provider, connectionString) in CoreHost.Databases(workDir))
        {
            var settings = new Dictionary<string, string?>
            {
                ["Sms:Provider"] = "Webhook",
                ["Sms:Webhook:Url"] = url,
                ["Sms:Webhook:Secret"] = "benchmark-webhook-secret-0123456789",
                ["Messaging:Outbox:Dispatch"] = "false",
            };
            await using var host = await CoreHost.StartAsync(provider, connectionString, ct, settings);
            await BenchMerchant.GrantAsync(host.Services, host.TenantId, MessageChannel.Sms, options.Messages, ct);
            await BenchMerchant.GoLiveAsync(host.Services, host.TenantId, merchantMobile: null, ct);

            var messages = Enumerable.Range(0, options.Messages).Select(i => new QueuedMessageRequest(
                MessageChannel.Sms, MessageKind.Service, $"bench:{i.ToString(c)}", $"+336{(10_000_000 + i).ToString(c)}", null,
                $"Hello {i.ToString(c)}, your order #{(40_000 + i).ToString(c)} is ready for pickup at Downtown.", null) { Source = "bench" }).ToList();
            Console.Error.WriteLine($"[messaging] {host.Name}: queuing {options.Messages:N0} messages");
            var load = LoadAverage();
            var cpu = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            await using (var scope = host.TenantScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var queued = await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().QueueAsync(db, messages, ct);
                if (!queued.Succeeded || queued.Value!.Queued != options.Messages)
                {
                    throw new InvalidOperationException($"Queuing failed: {string.Join(" ", queued.Errors.SelectMany(e => e.Value))}");
                }
            }

            var enqueueSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var enqueueCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / options.Messages;
            report.AppendLine(c, $"| Enqueue {options.Messages:N0} rendered SMS, {host.Name} | {enqueueSeconds:0.00} s | {(enqueueSeconds <= 6 * options.Messages / 100_000.0 ? "meets" : "MISSES")} ≤ 6 s per 100,000; {options.Messages / enqueueSeconds:N0} rows/s, one call, credits reserved; {enqueueCpu:0} µs CPU/msg in this process; load {load} → {LoadAverage()} |");
            if (!options.RunDispatch)
            {
                continue;
            }

            var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            load = LoadAverage();
            cpu = Environment.CpuUsage.TotalTime;
            started = Stopwatch.GetTimestamp();
            var run = dispatcher.RunAsync(stop.Token);
            int left;
            do
            {
                await Task.Delay(250, ct);
                await using var probe = host.Services.CreateAsyncScope();
                left = await probe.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().IgnoreQueryFilters()
                    .CountAsync(m => m.State != OutboxState.Sent, ct);
            }
            while (left > 0 && !run.IsCompleted);

            var dispatchSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var dispatchCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / options.Messages;
            await stop.CancelAsync();
            await run;
            var perSecond = options.Messages / dispatchSeconds;
            report.AppendLine(c, $"| Dispatch to loopback HTTP stand-in, {host.Name} | {perSecond:N0} msgs/s | {(perSecond >= 5_000 ? "meets" : "MISSES")} ≥ 5,000/s; {options.Messages:N0} sent in {dispatchSeconds:0.0} s, rows Sent and credits settled; {left} not sent; {dispatchCpu:0} µs CPU/msg (app + stand-in); load {load} → {LoadAverage()} |");
        }

        return report.ToString();
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static async Task<WebApplication> StandInAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        // Answers like a webhook service that took the message; checking the signature is the gateway tests' job.
        app.MapPost("/sms", (HttpRequest request) => Results.Json(new { id = request.Headers["Idempotency-Key"].ToString(), status = "queued" }));
        await app.StartAsync(ct);
        return app;
    }
}

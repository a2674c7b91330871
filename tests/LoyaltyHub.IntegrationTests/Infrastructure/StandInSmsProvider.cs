using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP server standing in for an SMS provider (the outbox's loopback gateway posts JSON
/// to it). It honours <c>Idempotency-Key</c> like a provider that deduplicates: the first accepted
/// request per key is the message, a repeat gets the same id back and is counted as a replay.
/// Each tenant's answers can be scripted (500, 429 with Retry-After, a hang past the timeout).
/// </summary>
public sealed class StandInSmsProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<Guid, Func<long, int, Answer>> scripts = new();

    private StandInSmsProvider(WebApplication app) => this.app = app;

    /// <summary>What the stand-in does with one request: a status (200 accepts), a Retry-After, a delay before answering.</summary>
    public sealed record Answer(int Status, TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
    {
        public static Answer Accept { get; } = new(200);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests per key (outbox id), every status included.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>Messages taken: key → (tenant, when). One entry per message, however often it was posted.</summary>
    public ConcurrentDictionary<string, (Guid Tenant, DateTime At)> Accepted { get; } = new();

    public int Replays => Requests.Sum(r => r.Value) - Requests.Count;

    public static async Task<StandInSmsProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new StandInSmsProvider(app);
        app.MapPost("/messages", provider.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Url = new Uri(new Uri(address), "/messages");
        return provider;
    }

    /// <summary>Answers <paramref name="tenantId"/>'s requests by (outbox id, request number of that key).</summary>
    public void Script(Guid tenantId, Func<long, int, Answer> script) => scripts[tenantId] = script;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        using var body = await JsonDocument.ParseAsync(request.Body);
        var outboxId = body.RootElement.GetProperty("outboxId").GetInt64();
        var tenantId = body.RootElement.GetProperty("tenantId").GetGuid();
        if (key != outboxId.ToString(CultureInfo.InvariantCulture))
        {
            return Results.BadRequest("Idempotency-Key must be the outbox id.");
        }

        var number = Requests.AddOrUpdate(key, 1, (_, n) => n + 1);
        var answer = Accepted.ContainsKey(key) ? Answer.Accept
            : scripts.TryGetValue(tenantId, out var script) ? script(outboxId, number) : Answer.Accept;
        if (answer.Delay is { } delay)
        {
            await Task.Delay(delay);
        }

        if (answer.Status != 200)
        {
            if (answer.RetryAfter is { } after)
            {
                request.HttpContext.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(answer.Status);
        }

        Accepted.TryAdd(key, (tenantId, DateTime.UtcNow));
        return Results.Json(new { id = $"SM{key}" });
    }
}

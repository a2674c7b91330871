using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP server standing in for an SMS service behind the app's generic webhook gateway
/// (<c>Sms:Provider=Webhook</c>): it checks the HMAC signature and honours <c>Idempotency-Key</c> like
/// a service that deduplicates: the first accepted request per id is the message, a repeat gets the
/// same answer and is counted as a replay, never as a second message. Answers can be scripted per
/// recipient number (500, 429 with Retry-After, a hang past the client's timeout).
/// </summary>
public sealed class StandInSmsProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<long, int, Answer>> scripts = new(StringComparer.Ordinal);
    private readonly byte[] secret = Encoding.UTF8.GetBytes(SmsProviderStandIn.WebhookSecret);

    private StandInSmsProvider(WebApplication app) => this.app = app;

    /// <summary>What the stand-in does with one request: a status (200 accepts), a Retry-After, a delay before answering.</summary>
    public sealed record Answer(int Status, TimeSpan? RetryAfter = null, TimeSpan? Delay = null)
    {
        public static Answer Accept { get; } = new(200);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests per id (outbox id), every status included.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>Messages taken: id → (recipient, when). One entry per message, however often it was posted.</summary>
    public ConcurrentDictionary<string, (string To, DateTime At)> Accepted { get; } = new();

    /// <summary>Requests refused for a bad signature or a missing field.</summary>
    public int Refused => Volatile.Read(ref refused);

    public int Replays => Requests.Sum(r => r.Value) - Requests.Count;

    private int refused;

    /// <summary>The app's settings for its webhook gateway pointed here (a deduplicating service, so repeats are allowed).</summary>
    public Dictionary<string, string?> GatewaySettings(int timeoutSeconds) => new()
    {
        ["Sms:Provider"] = "Webhook",
        ["Sms:Webhook:Url"] = Url.ToString(),
        ["Sms:Webhook:Secret"] = SmsProviderStandIn.WebhookSecret,
        ["Sms:Webhook:HonoursIdempotencyKey"] = "true",
        ["Sms:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public static async Task<StandInSmsProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new StandInSmsProvider(app);
        app.MapPost("/sms", provider.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Url = new Uri(new Uri(address), "/sms");
        return provider;
    }

    /// <summary>Answers the requests for <paramref name="to"/> by (outbox id, request number of that id).</summary>
    public void Script(string to, Func<long, int, Answer> script) => scripts[to] = script;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));
        var sms = JsonSerializer.Deserialize<WebhookSms>(body);
        var key = request.Headers["Idempotency-Key"].ToString();
        if (request.Headers[WebhookSignature.Header].ToString() != expected || sms is not { Id.Length: > 0, To.Length: > 0, Text.Length: > 0 } || key != sms.Id)
        {
            Interlocked.Increment(ref refused);
            return Results.BadRequest("Signed JSON with id, to and text, and Idempotency-Key = id, expected.");
        }

        var number = Requests.AddOrUpdate(key, 1, (_, n) => n + 1);
        var answer = Accepted.ContainsKey(key) ? Answer.Accept
            : scripts.TryGetValue(sms.To, out var script) ? script(long.Parse(key, CultureInfo.InvariantCulture), number) : Answer.Accept;
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

        Accepted.TryAdd(key, (sms.To, DateTime.UtcNow));
        return Results.Json(new { id = key, status = "queued" });
    }
}

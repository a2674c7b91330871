using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// A minimal JSON-over-HTTP SMS gateway for the outbox's fault tests and benchmarks, registered only
/// when <c>Messaging:Loopback:Url</c> is set: it posts each message with the outbox id as
/// <c>Idempotency-Key</c> to a stand-in server. The gateway part's generic webhook gateway
/// supersedes it; until then it is what lets a test drive the real process against HTTP.
/// </summary>
internal sealed class LoopbackGateway(Uri endpoint, TimeSpan timeout) : ISmsGateway, IDisposable
{
    public const string Section = "Messaging:Loopback";

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = timeout,
    };

    public string Name => "loopback";

    /// <summary>The stand-in keeps the first answer per key and repeats it: a lost answer may be asked again.</summary>
    public bool HonoursIdempotencyKey => true;

    public static void AddIfConfigured(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (Uri.TryCreate(section["Url"], UriKind.Absolute, out var url))
        {
            var timeout = TimeSpan.FromMilliseconds(section.GetValue("TimeoutMilliseconds", 10_000));
            services.AddSingleton<ISmsGateway>(new LoopbackGateway(url, timeout));
        }
    }

    public async Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new { outboxId = sms.OutboxId, tenantId = sms.TenantId, to = sms.To, from = sms.Sender, body = sms.Body }),
        };
        request.Headers.Add("Idempotency-Key", sms.OutboxId.ToString(CultureInfo.InvariantCulture));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return new GatewayResult(DeliveryOutcome.Retryable, Error: $"Connection failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GatewayResult(DeliveryOutcome.Unknown, Error: "No answer within the timeout.");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<Accepted>(cancellationToken);
                return body?.Id is { Length: > 0 } id
                    ? GatewayResult.Accepted(id)
                    : new GatewayResult(DeliveryOutcome.Unknown, Error: "Accepted without a message id.");
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                    new GatewayResult(DeliveryOutcome.Retryable, Error: $"HTTP {status}", RetryAfter: retryAfter),
                >= HttpStatusCode.InternalServerError => new GatewayResult(DeliveryOutcome.Unknown, Error: $"HTTP {status}"),
                _ => new GatewayResult(DeliveryOutcome.Rejected, Error: $"HTTP {status}: {await response.Content.ReadAsStringAsync(cancellationToken)}"),
            };
        }
    }

    public void Dispose() => http.Dispose();

    private sealed record Accepted(string? Id);
}

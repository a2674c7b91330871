using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// SMS through any HTTP service that takes <c>POST {"id","to","from","text"}</c> as JSON, signed
/// with <see cref="WebhookSignature"/>. The id is the outbox id: the receiver's idempotency key
/// (also sent as <c>Idempotency-Key</c>) and the id its delivery receipts name.
/// </summary>
internal sealed class WebhookSmsGateway(HttpClient http, IOptions<SmsOptions> options, GatewayRateLimits limits, TimeProvider clock) : ISmsGateway
{
    public string Name => SmsGatewayNames.Webhook;

    public bool HonoursIdempotencyKey => options.Value.Webhook.HonoursIdempotencyKey;

    public async Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var settings = options.Value;
        var sender = SmsSenderId.Resolve(sms.Sender, settings.DefaultSender);
        if (sender is null)
        {
            return SmsSenderId.Rejection(sms.Sender);
        }

        var id = sms.OutboxId.ToString(CultureInfo.InvariantCulture);
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookSms(id, sms.To, sender, sms.Body));
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(settings.Webhook.Secret!, body));
        request.Headers.Add("Idempotency-Key", id);

        await limits.WaitTurnAsync(Name, settings.RatePerSecond, cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return GatewayResult.Accepted(id);
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            return HttpGatewayOutcomes.FromStatus(response, detail.Length > 200 ? detail[..200] : detail, clock.GetUtcNow());
        }
        catch (Exception e) when (HttpGatewayOutcomes.FromException(e, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }
}

// The generic webhook protocol, both ways; JSON with lower-case names, each request signed with
// WebhookSignature over its body.

/// <summary>Posted to <c>Sms:Webhook:Url</c> for every message.</summary>
public sealed record WebhookSms(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("text")] string Text);

/// <summary>Posted by the service to <c>/webhooks/sms/webhook/status</c>: status "delivered", "failed" or "undelivered".</summary>
public sealed record WebhookReceipt(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>Posted by the service to <c>/webhooks/sms/webhook/inbound/{tenantSlug}</c> for an SMS a customer sent.</summary>
public sealed record WebhookInboundSms(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("text")] string? Text);

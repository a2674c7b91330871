using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LoyaltyHub.Core.Common;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// SMS through Twilio's Messages API: a form POST of To, From, Body and StatusCallback to
/// <c>/2010-04-01/Accounts/{AccountSid}/Messages.json</c> with HTTP basic auth (AccountSid:AuthToken).
/// 201 carries the message's <c>sid</c>, which delivery receipts name later.
/// </summary>
internal sealed class TwilioSmsGateway(
    HttpClient http, IOptions<SmsOptions> options, GatewayRateLimits limits, IPublicLinks links, TimeProvider clock) : ISmsGateway
{
    public string Name => SmsGatewayNames.Twilio;

    public async Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        var settings = options.Value;
        var sender = SmsSenderId.Resolve(sms.Sender, settings.DefaultSender);
        if (sender is null)
        {
            return SmsSenderId.Rejection(sms.Sender);
        }

        var account = settings.Twilio;
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri(account))
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", sms.To),
                new("From", sender),
                new("Body", sms.Body),
                new("StatusCallback", links.Absolute($"{SmsGatewayNames.TwilioStatusPath}?id={sms.OutboxId.ToString(CultureInfo.InvariantCulture)}")),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")));

        await limits.WaitTurnAsync(Name, settings.RatePerSecond, cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Read(response, body);
        }
        catch (Exception e) when (HttpGatewayOutcomes.FromException(e, cancellationToken) is { } outcome)
        {
            return outcome;
        }
    }

    internal static Uri MessagesUri(TwilioOptions account)
    {
        var root = account.BaseUrl.AbsoluteUri.EndsWith('/') ? account.BaseUrl : new Uri(account.BaseUrl.AbsoluteUri + "/");
        return new Uri(root, $"2010-04-01/Accounts/{Uri.EscapeDataString(account.AccountSid ?? "")}/Messages.json");
    }

    private GatewayResult Read(HttpResponseMessage response, string body)
    {
        var (sid, code, message) = Parse(body);
        if (response.IsSuccessStatusCode)
        {
            return sid is null
                ? new GatewayResult(DeliveryOutcome.Unknown, Error: $"Twilio answered {(int)response.StatusCode} without a message sid.")
                : GatewayResult.Accepted(sid);
        }

        var detail = code is null ? message ?? "" : $"Twilio error {code}: {message}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new GatewayResult(DeliveryOutcome.Rejected,
                Error: "Twilio refused the credentials (401): check Sms:Twilio:AccountSid and Sms:Twilio:AuthToken."),
            // 400 carries Twilio's own code (21211 invalid number, 21610 unsubscribed recipient, ...).
            HttpStatusCode.BadRequest => new GatewayResult(DeliveryOutcome.Rejected, Error: detail),
            _ => HttpGatewayOutcomes.FromStatus(response, detail, clock.GetUtcNow()),
        };
    }

    /// <summary>The <c>sid</c> of a created message, or the <c>code</c> and <c>message</c> of an error.</summary>
    private static (string? Sid, int? Code, string? Message) Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            return (Text("sid"), code, Text("message"));
        }
        catch (JsonException)
        {
            return (null, null, body.Length > 200 ? body[..200] : body);
        }
    }
}

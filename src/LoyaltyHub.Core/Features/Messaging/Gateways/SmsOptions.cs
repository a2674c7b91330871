namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// Platform SMS settings (section <c>Sms</c>). No <see cref="Provider"/>: every SMS goes to the
/// development outbox and nothing leaves the machine.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";
    public const string TwilioProvider = "Twilio";
    public const string WebhookProvider = "Webhook";

    /// <summary><see cref="TwilioProvider"/>, <see cref="WebhookProvider"/>, or empty for the development outbox.</summary>
    public string? Provider { get; set; }

    /// <summary>The sender used when a tenant has set none: a number or an alphanumeric name.</summary>
    public string DefaultSender { get; set; } = "LoyaltyHub";

    /// <summary>At most this many requests a second to the provider; 0 = no limit.</summary>
    public int RatePerSecond { get; set; }

    /// <summary>How long one request may take once sent; past it the outcome is Unknown.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long opening the connection may take; past it nothing was sent, so it is safe to retry.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    public TwilioOptions Twilio { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();

    public bool UsesDevOutbox => string.IsNullOrWhiteSpace(Provider);
}

/// <summary>Twilio's Messages API (<c>Sms:Twilio:*</c>).</summary>
public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>Where the API lives; tests point it at a loopback stand-in.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com/");
}

/// <summary>The generic JSON webhook gateway (<c>Sms:Webhook:*</c>).</summary>
public sealed class WebhookOptions
{
    public Uri? Url { get; set; }

    /// <summary>HMAC-SHA256 key of the signature header, both ways.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// True when the receiving service deduplicates by the message id it is sent (as
    /// <c>Idempotency-Key</c>): a request whose answer was lost, or that was in flight when the app
    /// stopped, is then sent again instead of waiting as Unknown. Say so only if it really does.
    /// </summary>
    public bool HonoursIdempotencyKey { get; set; }
}

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>The SMS gateways' names (stored on outbox rows, named by receipts) and the callback paths they give providers.</summary>
public static class SmsGatewayNames
{
    public const string Twilio = "twilio";
    public const string Webhook = "webhook";
    public const string DevOutbox = "dev";

    /// <summary>Where providers call back (receipts, inbound SMS).</summary>
    public const string CallbackRoot = "/webhooks/sms";

    public const string TwilioStatusRoute = "/twilio/status";

    /// <summary>Where Twilio posts status changes; the gateway adds the outbox id as <c>?id=</c>.</summary>
    public const string TwilioStatusPath = CallbackRoot + TwilioStatusRoute;
}

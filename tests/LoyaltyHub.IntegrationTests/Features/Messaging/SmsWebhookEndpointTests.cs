using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// The providers' callbacks through the app's HTTP surface: a valid signature reaches the receipt
/// or inbound handler, anything forged, altered or misrouted is 403 and reaches nothing, and an
/// inbound SMS goes to the tenant of the signed URL only.
/// </summary>
public sealed class SmsWebhookEndpointTests(SmsWebhookApps apps) : IClassFixture<SmsWebhookApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_signed_Twilio_status_callback_applies_final_states_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (delivered, undelivered, sent) = (NewSid(), NewSid(), NewSid());

        using var a = await PostTwilioAsync(app, "/webhooks/sms/twilio/status?id=42", StatusForm(delivered, "delivered"));
        using var b = await PostTwilioAsync(app, "/webhooks/sms/twilio/status?id=43", StatusForm(undelivered, "undelivered", errorCode: "30003"));
        using var c = await PostTwilioAsync(app, "/webhooks/sms/twilio/status?id=44", StatusForm(sent, "sent"));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { a.StatusCode, b.StatusCode, c.StatusCode });
        Assert.Equal(new AppliedReceipt("twilio", delivered, ReceiptStatus.Delivered, null), Assert.Single(ReceiptsFor(delivered)));
        Assert.Equal(new AppliedReceipt("twilio", undelivered, ReceiptStatus.Failed, "Twilio error 30003"), Assert.Single(ReceiptsFor(undelivered)));
        Assert.Empty(ReceiptsFor(sent));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_forged_altered_replayed_or_missing_Twilio_signature_is_403_and_changes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        const string path = "/webhooks/sms/twilio/status?id=42";
        var sids = Enumerable.Range(0, 4).Select(_ => NewSid()).ToArray();

        using var forged = await PostTwilioAsync(app, path, StatusForm(sids[0], "delivered"), token: "a-guessed-auth-token");
        using var altered = await PostTwilioAsync(app, path, StatusForm(sids[1], "failed"), alter: form => form["MessageStatus"] = "delivered");
        using var otherUrl = await PostTwilioAsync(app, path, StatusForm(sids[2], "delivered"), signedPath: "/webhooks/sms/twilio/status?id=43");
        using var unsigned = await PostTwilioAsync(app, path, StatusForm(sids[3], "delivered"), token: null);

        Assert.All(new[] { forged, altered, otherUrl, unsigned }, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.All(sids, sid => Assert.Empty(ReceiptsFor(sid)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_inbound_Twilio_SMS_reaches_the_tenant_of_the_signed_url_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var shopA = await Accounts.SignUpMerchantAsync(app);
        var shopB = await Accounts.SignUpMerchantAsync(app);
        var from = NewPhone();
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = NewSid(), ["AccountSid"] = SmsProviderStandIn.AccountSid, ["From"] = from, ["To"] = "+33700000000", ["Body"] = "STOP",
        };

        using var toA = await PostTwilioAsync(app, $"/webhooks/sms/twilio/inbound/{shopA.Slug}", new(form));
        using var replayedToB = await PostTwilioAsync(app, $"/webhooks/sms/twilio/inbound/{shopB.Slug}", new(form),
            signedPath: $"/webhooks/sms/twilio/inbound/{shopA.Slug}");
        using var unknownShop = await PostTwilioAsync(app, "/webhooks/sms/twilio/inbound/no-such-shop", new(form));

        Assert.Equal(HttpStatusCode.OK, toA.StatusCode);
        Assert.Equal("text/xml", toA.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""", await toA.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, replayedToB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownShop.StatusCode);
        Assert.Equal(new InboundSms(shopA.TenantId, shopA.TenantId, from, "STOP"), Assert.Single(InboundFrom(from)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generic_webhook_receipts_and_inbound_need_the_HMAC_of_the_body(string provider)
    {
        var app = await apps.GetAsync(provider);
        var shop = await Accounts.SignUpMerchantAsync(app);
        var id = Random.Shared.NextInt64(1_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forgedId = id + "9";
        var from = NewPhone();

        using var receipt = await PostWebhookAsync(app, "/webhooks/sms/webhook/status", $$"""{"id":"{{id}}","status":"failed","error":"carrier said no"}""");
        using var forged = await PostWebhookAsync(app, "/webhooks/sms/webhook/status", $$"""{"id":"{{forgedId}}","status":"delivered"}""",
            secret: "not-the-secret-at-all");
        using var inbound = await PostWebhookAsync(app, $"/webhooks/sms/webhook/inbound/{shop.Slug}", $$"""{"from":"{{from}}","text":"ARRÊT"}""");

        Assert.Equal(HttpStatusCode.NoContent, receipt.StatusCode);
        Assert.Equal(new AppliedReceipt("webhook", id, ReceiptStatus.Failed, "carrier said no"), Assert.Single(ReceiptsFor(id)));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(ReceiptsFor(forgedId));
        Assert.Equal(HttpStatusCode.NoContent, inbound.StatusCode);
        Assert.Equal(new InboundSms(shop.TenantId, shop.TenantId, from, "ARRÊT"), Assert.Single(InboundFrom(from)));
    }

    private IEnumerable<AppliedReceipt> ReceiptsFor(string providerId) => apps.Receipts.Applied.Where(r => r.ProviderMessageId == providerId);

    private IEnumerable<InboundSms> InboundFrom(string from) => apps.Inbound.Received.Where(s => s.From == from);

    private static string NewSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string NewPhone() => "+336" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> StatusForm(string sid, string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["AccountSid"] = SmsProviderStandIn.AccountSid, ["MessageStatus"] = status,
            ["SmsStatus"] = status, ["From"] = "CafeRose", ["To"] = "+33612345678", ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return form;
    }

    /// <summary>Posts a form as Twilio would, signed over <paramref name="signedPath"/> (default: the path posted to) with <paramref name="token"/>.</summary>
    private static async Task<HttpResponseMessage> PostTwilioAsync(TestApp app, string path, Dictionary<string, string> form,
        string? token = SmsWebhookApps.AuthToken, string? signedPath = null, Action<Dictionary<string, string>>? alter = null)
    {
        var signedUrl = new Uri(new Uri(TestApp.PublicBaseUrl), (signedPath ?? path).TrimStart('/')).ToString();
        var signature = token is null ? null : TwilioSignature.Compute(token, signedUrl, form);
        alter?.Invoke(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        // The factory owns its clients' handler; the response must outlive this method.
        return await app.CreateClient().SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(TestApp app, string path, string json, string secret = SmsWebhookApps.WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, body));
        // The factory owns its clients' handler; the response must outlive this method.
        return await app.CreateClient().SendAsync(request);
    }
}

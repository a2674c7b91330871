using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;

namespace LoyaltyHub.UnitTests.Features.Messaging;

public sealed class GatewayRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("CafeRose", true)]
    [InlineData("Café Rose", false)]
    [InlineData("Cafe Rose 1", true)]
    [InlineData("CafeRoseParis", false)]
    [InlineData("12345678901", true)]
    [InlineData("+33612345678", true)]
    [InlineData("36105", true)]
    [InlineData("", false)]
    [InlineData(" Cafe", false)]
    [InlineData("Cafe\n", false)]
    [InlineData("+33612345678\n", false)]
    public void Sender_is_an_alphanumeric_name_of_at_most_11_or_a_number(string sender, bool valid) =>
        Assert.Equal(valid, SmsSenderId.IsValid(sender));

    [Fact]
    public void No_tenant_sender_means_the_platform_default_and_an_invalid_one_means_none() =>
        Assert.Equal(("Platform", "Shop", null), (SmsSenderId.Resolve(" ", "Platform"), SmsSenderId.Resolve(" Shop ", "Platform"),
            SmsSenderId.Resolve("Shop With Long Name", "Platform")));

    [Fact]
    public void Webhook_signature_is_hex_HMAC_SHA256_of_the_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1"}""");

        var signature = WebhookSignature.Compute("secret-0123456789", body);

        // Reference value from another implementation: printf '{"id":"1"}' | openssl dgst -sha256 -hmac 'secret-0123456789'
        Assert.Equal("sha256=e6653ac895e9d24009bd1abf12ae7fa583bb2414bd13f42560acf45631cb2c8d", signature);
        Assert.True(WebhookSignature.IsValid("secret-0123456789", body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal)));
        Assert.False(WebhookSignature.IsValid("secret-0123456789", Encoding.UTF8.GetBytes("""{"id":"2"}"""), signature));
        Assert.False(WebhookSignature.IsValid("other-secret-0123", body, signature));
        Assert.False(WebhookSignature.IsValid("secret-0123456789", body, null));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, DeliveryOutcome.Retryable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, DeliveryOutcome.Retryable)]
    [InlineData(HttpStatusCode.RequestTimeout, DeliveryOutcome.Retryable)]
    [InlineData(HttpStatusCode.BadRequest, DeliveryOutcome.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, DeliveryOutcome.Rejected)]
    [InlineData(HttpStatusCode.Forbidden, DeliveryOutcome.Rejected)]
    [InlineData(HttpStatusCode.NotFound, DeliveryOutcome.Rejected)]
    [InlineData(HttpStatusCode.InternalServerError, DeliveryOutcome.Unknown)]
    [InlineData(HttpStatusCode.BadGateway, DeliveryOutcome.Unknown)]
    [InlineData(HttpStatusCode.GatewayTimeout, DeliveryOutcome.Unknown)]
    public void Http_answers_map_to_outcomes(HttpStatusCode status, DeliveryOutcome expected)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(expected, HttpGatewayOutcomes.FromStatus(response, "", Now).Outcome);
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "30");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(30), HttpGatewayOutcomes.FromStatus(seconds, "", Now).RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), HttpGatewayOutcomes.FromStatus(date, "", Now).RetryAfter);
    }

    [Fact]
    public void Http_failures_before_sending_are_Retryable_and_after_are_Unknown()
    {
        Assert.Equal(DeliveryOutcome.Retryable,
            HttpGatewayOutcomes.FromException(new HttpRequestException(HttpRequestError.ConnectionError), CancellationToken.None)!.Outcome);
        Assert.Equal(DeliveryOutcome.Retryable,
            HttpGatewayOutcomes.FromException(new HttpRequestException(HttpRequestError.NameResolutionError), CancellationToken.None)!.Outcome);
        Assert.Equal(DeliveryOutcome.Unknown,
            HttpGatewayOutcomes.FromException(new HttpRequestException(HttpRequestError.ResponseEnded), CancellationToken.None)!.Outcome);
        Assert.Equal(DeliveryOutcome.Unknown,
            HttpGatewayOutcomes.FromException(new TaskCanceledException("timeout", new TimeoutException()), CancellationToken.None)!.Outcome);
        // The caller's own cancellation (shutdown) is not the provider's answer: it propagates.
        Assert.Null(HttpGatewayOutcomes.FromException(new OperationCanceledException(), new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxBusy, DeliveryOutcome.Retryable)]
    [InlineData(SmtpStatusCode.ServiceNotAvailable, DeliveryOutcome.Retryable)]
    [InlineData(SmtpStatusCode.InsufficientStorage, DeliveryOutcome.Retryable)]
    [InlineData(SmtpStatusCode.MailboxUnavailable, DeliveryOutcome.Rejected)]
    [InlineData(SmtpStatusCode.TransactionFailed, DeliveryOutcome.Rejected)]
    [InlineData(SmtpStatusCode.GeneralFailure, DeliveryOutcome.Unknown)]
    public void Smtp_replies_map_to_outcomes(SmtpStatusCode code, DeliveryOutcome expected) =>
        Assert.Equal(expected, SmtpOutcomes.From(new SmtpException(code)).Outcome);

    [Fact]
    public void An_smtp_connection_that_never_opened_is_Retryable_one_that_broke_is_Unknown()
    {
        var refused = new SmtpException("Failure sending mail.", new SocketException((int)SocketError.ConnectionRefused));
        var reset = new SmtpException("Failure sending mail.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        Assert.Equal(DeliveryOutcome.Retryable, SmtpOutcomes.From(refused).Outcome);
        Assert.Equal(DeliveryOutcome.Unknown, SmtpOutcomes.From(reset).Outcome);
    }
}

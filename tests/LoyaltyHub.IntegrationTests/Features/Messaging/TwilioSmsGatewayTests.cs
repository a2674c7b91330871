using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The Twilio gateway against the loopback stand-in: the request Twilio expects, and every answer's outcome.</summary>
public sealed class TwilioSmsGatewayTests
{
    [Fact]
    public async Task Accepted_message_is_the_form_Twilio_expects_and_carries_its_sid()
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl));

        var result = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 42, body: "Merci ! 120 points"));

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        var request = Assert.Single(twilio.Requests);
        Assert.Equal(("+33612345678", "CafeRose", "Merci ! 120 points"), (request.To, request.From, request.Body));
        Assert.Equal("https://loyalty.example/webhooks/sms/twilio/status?id=42", request.StatusCallback);
        Assert.Equal("42", request.Id);
        Assert.StartsWith("SM", result.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal(request.ProviderId, result.ProviderMessageId);
        Assert.Equal(1, twilio.AcceptedCount("42"));
    }

    [Theory]
    [InlineData(StandInAnswer.InvalidNumber, DeliveryOutcome.Rejected, "21211")]
    [InlineData(StandInAnswer.Unauthorized, DeliveryOutcome.Rejected, "Sms:Twilio:AuthToken")]
    [InlineData(StandInAnswer.TooManyRequests, DeliveryOutcome.Retryable, "429")]
    [InlineData(StandInAnswer.Unavailable, DeliveryOutcome.Retryable, "503")]
    [InlineData(StandInAnswer.ServerError, DeliveryOutcome.Unknown, "500")]
    [InlineData(StandInAnswer.Hang, DeliveryOutcome.Unknown, "may have taken")]
    public async Task Each_answer_maps_to_the_outcome_that_keeps_retries_safe(StandInAnswer answer, DeliveryOutcome expected, string errorMentions)
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        twilio.Answer = answer;
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl, timeoutSeconds: answer == StandInAnswer.Hang ? 1 : 30));

        var result = await host.SendAsync(SmsGatewayHost.Sms());

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(errorMentions, result.Error, StringComparison.Ordinal);
        Assert.Null(result.ProviderMessageId);
        Assert.Equal(answer, Assert.Single(twilio.Requests).Answer);
        var retryAfter = answer is StandInAnswer.TooManyRequests or StandInAnswer.Unavailable ? TimeSpan.FromSeconds(7) : (TimeSpan?)null;
        Assert.Equal(retryAfter, result.RetryAfter);
    }

    [Fact]
    public async Task Wrong_credentials_are_Rejected_with_a_message_naming_the_settings()
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl, authToken: "not-the-token"));

        var result = await host.SendAsync(SmsGatewayHost.Sms());

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Contains("Sms:Twilio:AccountSid and Sms:Twilio:AuthToken", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, twilio.RejectedAuthCount);
        Assert.Empty(twilio.Requests);
    }

    [Fact]
    public async Task A_number_Twilio_finds_invalid_is_Rejected_with_its_code()
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl));

        var result = await host.SendAsync(SmsGatewayHost.Sms(to: "0612345678"));

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Equal("Twilio error 21211: The 'To' number 0612345678 is not a valid phone number.", result.Error);
    }

    [Fact]
    public async Task An_invalid_sender_is_Rejected_without_a_request_and_no_sender_means_the_platform_default()
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl));

        var tooLong = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 1, sender: "CafeRoseParis"));
        Assert.Equal(DeliveryOutcome.Rejected, tooLong.Outcome);
        Assert.Contains("at most 11", tooLong.Error, StringComparison.Ordinal);
        Assert.Empty(twilio.Requests);

        var defaulted = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 2, sender: ""));
        Assert.Equal(DeliveryOutcome.Accepted, defaulted.Outcome);
        Assert.Equal("LoyaltyHub", Assert.Single(twilio.Requests).From);
    }

    [Fact]
    public async Task A_refused_connection_is_Retryable()
    {
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(SmsGatewayHost.ClosedPortUrl()));

        var result = await host.SendAsync(SmsGatewayHost.Sms());

        Assert.Equal(DeliveryOutcome.Retryable, result.Outcome);
    }

    [Fact]
    public async Task Scripted_answers_come_first_and_the_stand_in_counts_accepted_messages_by_outbox_id()
    {
        await using var twilio = await SmsProviderStandIn.StartAsync();
        twilio.AnswerNext(StandInAnswer.Unavailable);
        await using var host = new SmsGatewayHost(SmsGatewayHost.Twilio(twilio.BaseUrl));

        var first = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 9));
        var retry = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 9));

        Assert.Equal((DeliveryOutcome.Retryable, DeliveryOutcome.Accepted), (first.Outcome, retry.Outcome));
        Assert.Equal(1, twilio.AcceptedCount("9"));
        Assert.Equal(2, twilio.Requests.Count);
    }
}

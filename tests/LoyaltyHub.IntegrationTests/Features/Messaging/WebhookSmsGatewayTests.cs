using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The generic JSON webhook gateway against the stand-in, which checks its HMAC signature independently.</summary>
public sealed class WebhookSmsGatewayTests
{
    [Fact]
    public async Task Accepted_message_is_signed_JSON_keyed_by_the_outbox_id()
    {
        await using var provider = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Webhook(provider.WebhookUrl));

        var result = await host.SendAsync(SmsGatewayHost.Sms(outboxId: 77, body: "Привет: 120 points"));

        Assert.Equal(DeliveryOutcome.Accepted, result.Outcome);
        Assert.Equal("77", result.ProviderMessageId);
        var request = Assert.Single(provider.Requests);
        Assert.Equal(("77", "+33612345678", "CafeRose", "Привет: 120 points", "77"),
            (request.Id, request.To, request.From, request.Body, request.IdempotencyKey));
        Assert.Equal(0, provider.RejectedAuthCount);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_receiver_and_Rejected()
    {
        await using var provider = await SmsProviderStandIn.StartAsync();
        await using var host = new SmsGatewayHost(SmsGatewayHost.Webhook(provider.WebhookUrl, secret: "another-secret-of-16+chars"));

        var result = await host.SendAsync(SmsGatewayHost.Sms());

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.Equal(1, provider.RejectedAuthCount);
        Assert.Empty(provider.Requests);
    }

    [Theory]
    [InlineData(StandInAnswer.InvalidNumber, DeliveryOutcome.Rejected)]
    [InlineData(StandInAnswer.TooManyRequests, DeliveryOutcome.Retryable)]
    [InlineData(StandInAnswer.Unavailable, DeliveryOutcome.Retryable)]
    [InlineData(StandInAnswer.ServerError, DeliveryOutcome.Unknown)]
    [InlineData(StandInAnswer.Hang, DeliveryOutcome.Unknown)]
    public async Task Each_answer_maps_to_its_outcome(StandInAnswer answer, DeliveryOutcome expected)
    {
        await using var provider = await SmsProviderStandIn.StartAsync();
        provider.Answer = answer;
        await using var host = new SmsGatewayHost(SmsGatewayHost.Webhook(provider.WebhookUrl, timeoutSeconds: answer == StandInAnswer.Hang ? 1 : 30));

        var result = await host.SendAsync(SmsGatewayHost.Sms());

        Assert.True(expected == result.Outcome, $"{result.Outcome}: {result.Error}");
        Assert.Equal(answer, Assert.Single(provider.Requests).Answer);
    }
}

using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The dispatcher against <see cref="TestGateway"/>: outcomes, credits, live mode, consent and receipts.</summary>
public sealed class OutboxDispatchTests(DispatchApps apps) : IClassFixture<DispatchApps>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Accepted_messages_are_sent_once_with_the_provider_id_and_their_credits_settled(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 100);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Email, 10);
        await AutomaticHelpers.ConfigureAsync(app, merchant.TenantId, s => (s.SmsSenderName, s.EmailFromName) = ("Bakery 42", "The Bakery"));

        await QueueAsync(app, merchant.TenantId, [.. ManySms("ok", 60), Email("ok-mail")]);
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, Within);

        Assert.All(rows, r =>
        {
            Assert.Equal((OutboxState.Sent, 1, TestGateway.GatewayName, $"test-{r.Id}"), (r.State, r.Attempts, r.Gateway, r.ProviderMessageId));
            Assert.NotNull(r.SentAt);
            Assert.Equal(1, apps.Gateway.Calls[(merchant.TenantId, r.Id)]);
        });
        Assert.Equal((40L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
        Assert.Equal((9L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Email));
        Assert.Equal(60L, (await EntriesAsync(app, merchant.TenantId, MessageChannel.Sms)).Where(e => e.Kind == CreditEntryKind.Settle).Sum(e => e.Credits));
        await AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Sms);
        // The sender of the messaging settings: the SMS sender name, the email from-name.
        Assert.Equal("Bakery 42", apps.Gateway.Senders[(merchant.TenantId, rows[0].Id)]);
        Assert.Equal("The Bakery", apps.Gateway.Senders[(merchant.TenantId, rows.Single(r => r.Channel == MessageChannel.Email).Id)]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rejected_and_out_of_attempts_messages_fail_and_are_refunded(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 10);
        apps.Gateway.Answer(merchant.TenantId, (id, call) => Task.FromResult(id % 2 == 0
            ? new GatewayResult(DeliveryOutcome.Rejected, Error: "Invalid number")
            : new GatewayResult(DeliveryOutcome.Retryable, Error: "HTTP 503", RetryAfter: TimeSpan.FromMilliseconds(100))));

        await QueueAsync(app, merchant.TenantId, ManySms("bad", 6));
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, Within);

        Assert.All(rows, r => Assert.Equal(OutboxState.Failed, r.State));
        Assert.All(rows.Where(r => r.Id % 2 == 0), r => Assert.Equal((1, 1, "Invalid number"), (apps.Gateway.Calls[(merchant.TenantId, r.Id)], r.Attempts, r.LastError)));
        Assert.All(rows.Where(r => r.Id % 2 == 1), r =>
        {
            Assert.Equal((3, 3), (apps.Gateway.Calls[(merchant.TenantId, r.Id)], r.Attempts));
            Assert.StartsWith("Gave up after 3 attempts: HTTP 503", r.LastError, StringComparison.Ordinal);
        });
        Assert.Equal((10L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
        var refunds = (await EntriesAsync(app, merchant.TenantId, MessageChannel.Sms)).Where(e => e.Kind == CreditEntryKind.Refund).ToList();
        Assert.Equal(rows.Select(r => (long?)r.Id).Order(), refunds.Select(e => e.OutboxMessageId).Order());
        await AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Sms);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retryable_answer_is_tried_again_no_sooner_than_retry_after(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 1);
        var calls = new List<DateTime>();
        apps.Gateway.Answer(merchant.TenantId, (id, call) =>
        {
            lock (calls)
            {
                calls.Add(DateTime.UtcNow);
            }

            return Task.FromResult(call == 1
                ? new GatewayResult(DeliveryOutcome.Retryable, Error: "HTTP 429", RetryAfter: TimeSpan.FromSeconds(2))
                : GatewayResult.Accepted($"late-{id}"));
        });

        await QueueAsync(app, merchant.TenantId, [Sms("retry-after")]);
        var row = Assert.Single(await WaitUntilSettledAsync(app, merchant.TenantId, Within));

        Assert.Equal((OutboxState.Sent, 2, "HTTP 429"), (row.State, row.Attempts, row.LastError));
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(1.9), $"Tried again after {(calls[1] - calls[0]).TotalSeconds:0.00} s.");
        Assert.Equal((0L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_outcome_is_never_sent_again_and_fails_unconfirmed_with_a_refund_after_the_wait(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 3);
        apps.Gateway.Answer(merchant.TenantId, (_, _) => Task.FromResult(new GatewayResult(DeliveryOutcome.Unknown, Error: "Timeout after 10 s")));

        await QueueAsync(app, merchant.TenantId, ManySms("unknown", 3));
        var waiting = await WaitUntilSettledAsync(app, merchant.TenantId, Within);
        Assert.All(waiting, r => Assert.Contains(r.State, new[] { OutboxState.Unknown, OutboxState.Failed }));
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, Within, r => r.State == OutboxState.Failed);

        Assert.All(rows, r =>
        {
            Assert.Equal((OutboxState.Failed, 1), (r.State, apps.Gateway.Calls[(merchant.TenantId, r.Id)]));
            Assert.StartsWith("Unconfirmed", r.LastError, StringComparison.Ordinal);
        });
        Assert.Equal((3L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
        await AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Sms);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task With_live_mode_off_customer_messages_are_recorded_not_sent_and_merchant_alerts_go(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 10);
        apps.LiveModes.Off[merchant.TenantId] = true;

        await QueueAsync(app, merchant.TenantId, [Sms("order:customer"), Sms("order:merchant", kind: MessageKind.MerchantAlert), Sms("template:test") with { IsTest = true }]);
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, Within);

        Assert.Equal([OutboxState.NotSentTest, OutboxState.Sent, OutboxState.Sent], rows.Select(r => r.State));
        Assert.False(apps.Gateway.Calls.ContainsKey((merchant.TenantId, rows[0].Id)));
        Assert.Equal("Live mode is off: test, not sent.", rows[0].LastError);
        Assert.Equal((8L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Promotional_messages_need_consent_at_send_time_and_service_messages_do_not(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var consenting = CustomerHelpers.NewCustomer();
        consenting.SmsConsent = true;
        var withConsent = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, consenting);
        var without = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, CustomerHelpers.NewCustomer());
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 10);

        await QueueAsync(app, merchant.TenantId,
        [
            Sms("promo:1", kind: MessageKind.Promotional, to: withConsent.Phone) with { CustomerId = withConsent.Id },
            Sms("promo:2", kind: MessageKind.Promotional, to: without.Phone) with { CustomerId = without.Id },
            Sms("promo:3", kind: MessageKind.Promotional, to: without.Phone),
            Sms("service:2", to: without.Phone) with { CustomerId = without.Id },
            Sms("promo:stranger", kind: MessageKind.Promotional, to: "+33699999999"),
        ]);
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, Within);

        Assert.Equal([OutboxState.Sent, OutboxState.Blocked, OutboxState.Blocked, OutboxState.Sent, OutboxState.Blocked], rows.Select(r => r.State));
        Assert.Equal((8L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Receipts_move_sent_messages_and_a_failed_receipt_refunds_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 2);
        await QueueAsync(app, merchant.TenantId, ManySms("receipt", 2));
        var sent = await WaitUntilSettledAsync(app, merchant.TenantId, Within);

        async Task<bool> ApplyAsync(string id, ReceiptStatus status) =>
            await app.InScopeAsync(sp => sp.GetRequiredService<IDeliveryReceipts>().ApplyAsync(TestGateway.GatewayName, id, status, status == ReceiptStatus.Failed ? "Unreachable handset" : null, default));

        Assert.True(await ApplyAsync(sent[0].ProviderMessageId!, ReceiptStatus.Delivered));
        Assert.True(await ApplyAsync(sent[1].ProviderMessageId!, ReceiptStatus.Failed));
        Assert.True(await ApplyAsync(sent[0].ProviderMessageId!, ReceiptStatus.Failed)); // late, after Delivered: ignored
        Assert.False(await ApplyAsync("no-such-id", ReceiptStatus.Delivered));

        var rows = await MessagesAsync(app, merchant.TenantId);
        Assert.Equal([(OutboxState.Delivered, null), (OutboxState.Failed, "Unreachable handset")], rows.Select(r => (r.State, r.LastError)));
        Assert.Equal((0L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    internal static async Task<(long Available, long Reserved)> AvailableReservedAsync(TestApp app, Guid tenantId, MessageChannel channel)
    {
        var balance = await BalanceAsync(app, tenantId, channel);
        return (balance?.Available ?? 0, balance?.Reserved ?? 0);
    }
}

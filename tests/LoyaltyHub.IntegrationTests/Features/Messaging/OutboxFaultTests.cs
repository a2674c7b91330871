using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;
using Answer = LoyaltyHub.IntegrationTests.Infrastructure.StandInSmsProvider.Answer;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// The dispatcher through the webhook gateway against a loopback HTTP stand-in service that
/// deduplicates by id: two instances on one database, and a service that answers one tenant's
/// recipient with 500, 429 + Retry-After and timeouts.
/// </summary>
public sealed class OutboxFaultTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_instances_on_one_database_send_every_message_exactly_once(string provider)
    {
        await using var standIn = await StandInSmsProvider.StartAsync();
        var database = await TestDatabase.CreateAsync(provider);
        await using var first = await StartAsync(database, standIn, "instance-a", ownsDatabase: true, timeoutSeconds: 30);
        await using var second = await StartAsync(database, standIn, "instance-b", ownsDatabase: false, timeoutSeconds: 30);
        var merchant = await Accounts.SignUpMerchantAsync(first);
        await GrantAsync(first, merchant.TenantId, MessageChannel.Sms, 2_000);
        await AutomaticHelpers.GoLiveAsync(first, merchant.TenantId);

        // Queued through each instance in turn, so both are woken and both claim.
        for (var i = 0; i < 10; i++)
        {
            var through = i % 2 == 0 ? first : second;
            Assert.True((await QueueAsync(through, merchant.TenantId, ManySms($"two-{i}", 200))).Succeeded);
        }

        var rows = await WaitUntilSettledAsync(first, merchant.TenantId, Within);

        Assert.All(rows, r => Assert.Equal((OutboxState.Sent, Id(r), 1, null), (r.State, r.ProviderMessageId, r.Attempts, r.LastError)));
        Assert.Equal(2_000, standIn.Accepted.Count);
        Assert.All(standIn.Requests, r => Assert.Equal(1, r.Value));
        Assert.Equal(["instance-a", "instance-b"], rows.Select(r => r.LeaseOwner).Distinct().Order());
        Assert.Equal((0L, 0L), await AvailableReservedAsync(first, merchant.TenantId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Provider_errors_end_every_message_sent_or_failed_and_refunded_without_delaying_other_tenants(string provider)
    {
        await using var standIn = await StandInSmsProvider.StartAsync();
        var database = await TestDatabase.CreateAsync(provider);
        await using var app = await StartAsync(database, standIn, "faults", ownsDatabase: true, timeoutSeconds: 1);
        var failing = await Accounts.SignUpMerchantAsync(app);
        var healthy = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, failing.TenantId, MessageChannel.Sms, 300);
        await GrantAsync(app, healthy.TenantId, MessageChannel.Sms, 300);
        await AutomaticHelpers.GoLiveAsync(app, failing.TenantId);
        await AutomaticHelpers.GoLiveAsync(app, healthy.TenantId);
        // The failing tenant's recipient, by outbox id: 500 then accept; 429 (Retry-After 1 s) then accept;
        // a hang past the client timeout then accept; 500 forever (fails after the attempts, refunded); 429 forever.
        standIn.Script(FailingNumber, (id, n) => (id % 5) switch
        {
            0 => n == 1 ? new Answer(500) : Answer.Accept,
            1 => n == 1 ? new Answer(429, TimeSpan.FromSeconds(1)) : Answer.Accept,
            2 => n == 1 ? new Answer(200, Delay: TimeSpan.FromSeconds(3)) : Answer.Accept,
            3 => new Answer(500),
            _ => new Answer(429, TimeSpan.FromSeconds(1)),
        });

        Assert.True((await QueueAsync(app, failing.TenantId, ManySms("flaky", 250, FailingNumber))).Succeeded);
        Assert.True((await QueueAsync(app, healthy.TenantId, ManySms("fine", 250))).Succeeded);
        var healthyRows = await WaitUntilSettledAsync(app, healthy.TenantId, Within);
        var failingWhenHealthyDone = await MessagesAsync(app, failing.TenantId);
        var failingRows = await WaitUntilSettledAsync(app, failing.TenantId, Within);

        Assert.All(healthyRows, r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
        // The healthy tenant finished while the failing one still had retries pending.
        Assert.Contains(failingWhenHealthyDone, r => r.State is OutboxState.Queued or OutboxState.Sending);
        Assert.All(failingRows, r =>
        {
            var expected = r.Id % 5 is 3 or 4 ? OutboxState.Failed : OutboxState.Sent;
            Assert.Equal(expected, r.State);
            Assert.Equal(expected == OutboxState.Sent, standIn.Accepted.ContainsKey(Id(r)));
        });
        var failed = failingRows.Count(r => r.State == OutboxState.Failed);
        Assert.Equal((300L - 250 + failed, 0L), await AvailableReservedAsync(app, failing.TenantId));
        Assert.Equal(failed, (await EntriesAsync(app, failing.TenantId, MessageChannel.Sms)).Count(e => e.Kind == CreditEntryKind.Refund));
        await AssertLedgerMatchesBalanceAsync(app, failing.TenantId, MessageChannel.Sms);
    }

    private const string FailingNumber = "+33600000500";

    private static string Id(OutboxMessage row) => row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<TestApp> StartAsync(TestDatabase database, StandInSmsProvider standIn, string instance, bool ownsDatabase, int timeoutSeconds)
    {
        var settings = new Dictionary<string, string?>(DispatchApps.FastDispatch)
        {
            ["Messaging:Outbox:InstanceId"] = instance,
            ["Messaging:Outbox:RetryBaseSeconds"] = "0.5",
        };
        foreach (var (key, value) in standIn.GatewaySettings(timeoutSeconds))
        {
            settings[key] = value;
        }

        return TestApp.StartAsync(new TestApp(database, ownsDatabase, settings: settings));
    }

    private static Task<(long Available, long Reserved)> AvailableReservedAsync(TestApp app, Guid tenantId) =>
        OutboxDispatchTests.AvailableReservedAsync(app, tenantId, MessageChannel.Sms);
}

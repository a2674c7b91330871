using System.Globalization;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;
using Answer = LoyaltyHub.IntegrationTests.Infrastructure.StandInSmsProvider.Answer;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// The crash test: the app as a real process dispatches 2,000 queued SMS through its webhook
/// gateway to a loopback stand-in service that deduplicates by id; the process is killed (SIGKILL)
/// mid-dispatch and started again. What it proves: the rows the dead process held (claimed, sent or
/// not, outcome unrecorded) are taken over once their lease ends and sent again with the same
/// idempotency key, so the service takes every message exactly once, no row is left unfinished, and
/// the credits add up. (For a gateway that does not deduplicate, the same rows become Unknown and are
/// never sent again: see OutboxDispatchTests' unknown-outcome test and the sweep.)
/// </summary>
public sealed class OutboxCrashTests
{
    private const int Messages = 2_000;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Killing_the_app_mid_dispatch_and_restarting_sends_every_message_exactly_once(string provider)
    {
        await using var standIn = await StandInSmsProvider.StartAsync();
        // Slow answers keep many requests in flight, so the kill lands in the middle of sends.
        standIn.Script(Recipient, (_, _) => Answer.Accept with { Delay = TimeSpan.FromMilliseconds(200) });
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid tenantId;
        await using (var setup = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false)))
        {
            tenantId = (await Accounts.SignUpMerchantAsync(setup)).TenantId;
            await GrantAsync(setup, tenantId, MessageChannel.Sms, Messages);
            await AutomaticHelpers.GoLiveAsync(setup, tenantId);
            Assert.True((await QueueAsync(setup, tenantId, ManySms("crash", Messages, Recipient))).Succeeded);
        }

        var settings = new Dictionary<string, string?>(standIn.GatewaySettings(timeoutSeconds: 30))
        {
            ["Messaging:Outbox:Dispatch"] = "true",
            ["Messaging:Outbox:PollMilliseconds"] = "100",
            ["Messaging:Outbox:PerTenantInFlight"] = "50",
            ["Messaging:Outbox:LeaseSeconds"] = "3",
        };
        // Not waiting for /health: the dispatcher starts before the app answers it.
        await using (var first = await AppProcess.StartAsync(database, settings, waitHealthy: false))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (standIn.Accepted.Count < Messages / 10 && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(20);
            }

            await first.KillAsync();
        }

        var acceptedAtKill = standIn.Accepted.Count;
        Assert.InRange(acceptedAtKill, Messages / 10, Messages - 1);

        await using var second = await AppProcess.StartAsync(database, settings);
        await using var reader = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false));
        var rows = await WaitUntilSettledAsync(reader, tenantId, TimeSpan.FromSeconds(120), r => r.State == OutboxState.Sent);

        Assert.Equal(Messages, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Equal(Messages, standIn.Accepted.Count);
        Assert.Equal(rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).Order(), standIn.Accepted.Keys.Order());
        // Whether the kill left rows in doubt (claimed, maybe sent) depends on where in a batch it lands;
        // such rows are re-claimed after their lease and the service's deduplication keeps them single.
        // Asserting that one was resent made the test depend on that timing (it failed on a quiet CI run).
        Assert.Equal((0L, 0L), await OutboxDispatchTests.AvailableReservedAsync(reader, tenantId, MessageChannel.Sms));
        await AssertLedgerMatchesBalanceAsync(reader, tenantId, MessageChannel.Sms);
    }

    private const string Recipient = "+33600002000";
}

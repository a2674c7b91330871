using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>Queuing: rows, idempotency keys and the credits they reserve. No gateway is registered, so nothing is dispatched.</summary>
public sealed class OutboxQueueTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Queuing_reserves_segments_and_a_repeated_key_adds_no_row_and_reserves_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 10);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Email, 5);
        var longText = new string('a', 200); // GSM-7, 2 segments
        var unicode = "Привет! " + new string('б', 70); // UCS-2, 78 units: 2 segments
        QueuedMessageRequest[] first = [Sms("order-1:sms", longText), Sms("order-2:sms", unicode), Sms("order-3:sms"), Email("order-1:email")];

        var queued = await QueueAsync(app, merchant.TenantId, first);
        var again = await QueueAsync(app, merchant.TenantId, [.. first, Sms("order-4:sms"), Sms("order-4:sms")]);

        Assert.True(queued.Succeeded, Accounts.Describe(queued.Errors));
        Assert.Equal(new QueueReport(4, 0, 5, 1), queued.Value);
        Assert.Equal(new QueueReport(1, 5, 1, 0), again.Value);
        var rows = await MessagesAsync(app, merchant.TenantId);
        Assert.Equal(["order-1:sms", "order-2:sms", "order-3:sms", "order-1:email", "order-4:sms"], rows.Select(r => r.IdempotencyKey));
        Assert.Equal([2, 2, 1, 1, 1], rows.Select(r => r.Cost));
        Assert.All(rows, r => Assert.Equal((OutboxState.Queued, 0, "test"), (r.State, r.Attempts, r.Source)));
        Assert.Equal((4L, 6L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
        Assert.Equal((4L, 1L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Email));
        Assert.Equal([(CreditEntryKind.Grant, 10L), (CreditEntryKind.Reserve, 5L), (CreditEntryKind.Reserve, 1L)],
            (await EntriesAsync(app, merchant.TenantId, MessageChannel.Sms)).Select(e => (e.Kind, e.Credits)));
        await AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Sms);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_enough_credits_queuing_fails_with_the_reason_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 2);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Email, 10);

        // The caller's transaction goes on and commits: the failed queue call must leave no trace in it.
        var result = await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var outbox = sp.GetRequiredService<IMessageOutbox>();
            var failed = await outbox.QueueAsync(db, [Email("e-1"), Sms("s-1"), Sms("s-2"), Sms("s-3")]);
            await transaction.CommitAsync();
            return failed;
        });
        var none = await QueueAsync(app, merchant.TenantId, []);

        Assert.False(result.Succeeded);
        Assert.Equal("Not enough SMS credits: 2 available, 3 needed. Ask for more credits, then queue the messages again.", result.Errors[""][0]);
        Assert.Empty(await MessagesAsync(app, merchant.TenantId));
        Assert.Equal((2L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
        Assert.Equal((10L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Email));
        Assert.All(await EntriesAsync(app, merchant.TenantId, MessageChannel.Email), e => Assert.Equal(CreditEntryKind.Grant, e.Kind));
        Assert.Equal(new QueueReport(0, 0, 0, 0), none.Value);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Messages_queued_in_a_transaction_that_rolls_back_leave_no_row_and_no_reservation(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 5);

        var queued = await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await sp.GetRequiredService<IMessageOutbox>().QueueAsync(db, [Sms("rolled-back")]);
            await transaction.RollbackAsync();
            return result;
        });

        Assert.True(queued.Succeeded);
        Assert.Empty(await MessagesAsync(app, merchant.TenantId));
        Assert.Equal((5L, 0L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_key_in_two_tenants_is_two_messages(string provider)
    {
        var app = await apps.GetAsync(provider);
        var first = await Accounts.SignUpMerchantAsync(app);
        var second = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, first.TenantId, MessageChannel.Email, 1);
        await GrantAsync(app, second.TenantId, MessageChannel.Email, 1);

        Assert.Equal(1, (await QueueAsync(app, first.TenantId, [Email("welcome:1")])).Value!.Queued);
        Assert.Equal(1, (await QueueAsync(app, second.TenantId, [Email("welcome:1")])).Value!.Queued);
        var seen = await app.AsTenantAsync(first.TenantId, sp => sp.GetRequiredService<AppDbContext>().Set<OutboxMessage>().CountAsync());
        Assert.Equal(1, seen);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_two_concurrent_reservations_of_the_last_credit_exactly_one_wins(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        for (var i = 0; i < 100; i++)
        {
            await GrantAsync(app, merchant.TenantId, MessageChannel.Email, 1);
            using var start = new ManualResetEventSlim();
            var callers = Enumerable.Range(0, 2).Select(n => Task.Run(async () =>
            {
                start.Wait();
                return await QueueAsync(app, merchant.TenantId, [Email($"race-{i}-{n}")]);
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(callers);

            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.StartsWith("Not enough email credits: 0 available, 1 needed.", results.Single(r => !r.Succeeded).Errors[""][0], StringComparison.Ordinal);
            Assert.Equal((0L, i + 1L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Email));
        }

        Assert.Equal(100, (await MessagesAsync(app, merchant.TenantId)).Count);
        await AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_large_batch_is_queued_in_one_call_with_its_total_cost(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 12_000);

        var result = await QueueAsync(app, merchant.TenantId, ManySms("bulk", 12_000));

        Assert.Equal(new QueueReport(12_000, 0, 12_000, 0), result.Value);
        var stored = await app.QueryAsync(db => db.Set<OutboxMessage>().IgnoreQueryFilters()
            .Where(m => m.TenantId == merchant.TenantId)
            .GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count(), Cost = g.Sum(m => m.Cost) }).SingleAsync());
        Assert.Equal((OutboxState.Queued, 12_000, 12_000), (stored.Key, stored.Count, stored.Cost));
        Assert.Equal((0L, 12_000L), await AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Sms));
    }

    private static async Task<(long Available, long Reserved)> AvailableReservedAsync(TestApp app, Guid tenantId, MessageChannel channel)
    {
        var balance = await BalanceAsync(app, tenantId, channel);
        return (balance?.Available ?? 0, balance?.Reserved ?? 0);
    }
}

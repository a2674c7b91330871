using System.Globalization;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>Grants credits, queues messages through <see cref="IMessageOutbox"/> and reads the outbox and the ledger.</summary>
public static class MessagingHelpers
{
    public static async Task GrantAsync(TestApp app, Guid tenantId, MessageChannel channel, int credits)
    {
        ArgumentNullException.ThrowIfNull(app);
        var result = await app.InScopeAsync(sp => sp.GetRequiredService<CreditService>()
            .GrantAsync(tenantId, new CreditGrantInput { Channel = channel, Credits = credits, Reason = "test grant" }, "admin-id"));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
    }

    public static QueuedMessageRequest Sms(string key, string body = "Your order is ready.", MessageKind kind = MessageKind.Service, string? to = null) =>
        new(MessageChannel.Sms, kind, key, to ?? "+33612345678", null, body, null) { Source = "test" };

    public static QueuedMessageRequest Email(string key, MessageKind kind = MessageKind.Service, string? to = null) =>
        new(MessageChannel.Email, kind, key, to ?? "customer@example.com", "Your order", "<p>Ready</p>", "Ready") { Source = "test" };

    public static IReadOnlyList<QueuedMessageRequest> ManySms(string prefix, int count, string? to = null) =>
        [.. Enumerable.Range(0, count).Select(i => Sms($"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}", to: to))];

    /// <summary>Queues in a transaction of its own, as a service would next to its cause.</summary>
    public static Task<Result<QueueReport>> QueueAsync(TestApp app, Guid tenantId, IReadOnlyList<QueuedMessageRequest> messages)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.AsTenantAsync(tenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await sp.GetRequiredService<IMessageOutbox>().QueueAsync(db, messages);
            await transaction.CommitAsync();
            return result;
        });
    }

    public static Task<CreditBalance?> BalanceAsync(TestApp app, Guid tenantId, MessageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.Set<CreditBalance>().IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(b => b.TenantId == tenantId && b.Channel == channel));
    }

    public static Task<List<CreditEntry>> EntriesAsync(TestApp app, Guid tenantId, MessageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.Set<CreditEntry>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Channel == channel).OrderBy(e => e.Id).ToListAsync());
    }

    public static Task<List<OutboxMessage>> MessagesAsync(TestApp app, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.Set<OutboxMessage>().IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.TenantId == tenantId).OrderBy(m => m.Id).ToListAsync());
    }

    /// <summary>The ledger adds up to the cached balance: available = grants − reservations + refunds, reserved = reservations − settlements − refunds.</summary>
    public static async Task AssertLedgerMatchesBalanceAsync(TestApp app, Guid tenantId, MessageChannel channel)
    {
        var entries = await EntriesAsync(app, tenantId, channel);
        var balance = await BalanceAsync(app, tenantId, channel);
        long Sum(CreditEntryKind kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Credits);
        Assert.NotNull(balance);
        Assert.Equal(Sum(CreditEntryKind.Grant) - Sum(CreditEntryKind.Reserve) + Sum(CreditEntryKind.Refund), balance.Available);
        Assert.Equal(Sum(CreditEntryKind.Reserve) - Sum(CreditEntryKind.Settle) - Sum(CreditEntryKind.Refund), balance.Reserved);
        Assert.True(balance.Available >= 0 && balance.Reserved >= 0, $"Balance below zero: {balance.Available} available, {balance.Reserved} reserved.");
    }

    /// <summary>Waits (bounded) until no row of the tenant is Queued or Sending; returns the rows.</summary>
    public static async Task<List<OutboxMessage>> WaitUntilSettledAsync(TestApp app, Guid tenantId, TimeSpan within, Func<OutboxMessage, bool>? done = null)
    {
        done ??= m => m.State is not (OutboxState.Queued or OutboxState.Sending);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var rows = await MessagesAsync(app, tenantId);
            if (rows.All(done) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(100);
        }
    }
}

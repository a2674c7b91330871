using System.Globalization;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Credits;

/// <summary>
/// The statements that move message credits. Each runs inside the caller's transaction with the
/// tenant named explicitly (the dispatcher works for every tenant from one context), writes the
/// ledger row next to the cached balance, and changes the balance by a conditional update: of
/// two reservations of the last credits exactly one passes (PostgreSQL re-checks the WHERE after
/// the row lock; SQLite has one writer at a time).
/// </summary>
internal static class CreditLedger
{
    public static string ChannelName(MessageChannel channel) => channel == MessageChannel.Sms ? "SMS" : "email";

    public static string NotEnough(MessageChannel channel, long available, long needed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Not enough {ChannelName(channel)} credits: {available} available, {needed} needed. Ask for more credits, then queue the messages again.");

    /// <summary>
    /// Creates the balance row when missing. The first statement of a credit transaction: on
    /// SQLite a write takes the write lock before anything is read, so the transaction never has
    /// to upgrade a stale read snapshot ("database is locked").
    /// </summary>
    public static Task EnsureBalanceAsync(AppDbContext db, Guid tenantId, MessageChannel channel, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "CreditBalances" ("TenantId", "Channel", "Available", "Reserved", "Version") VALUES ({tenantId}, {(int)channel}, 0, 0, 0) ON CONFLICT ("TenantId", "Channel") DO NOTHING""",
            ct);

    public static async Task GrantAsync(
        AppDbContext db, Guid tenantId, MessageChannel channel, long credits, string reason, string? actorId, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureBalanceAsync(db, tenantId, channel, ct);
        await Balance(db, tenantId, channel).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Available, b => b.Available + credits)
            .SetProperty(b => b.Version, b => b.Version + 1), ct);
        await AddEntryAsync(db, tenantId, channel, CreditEntryKind.Grant, credits, null, reason, actorId, now, ct);
    }

    /// <summary>Holds <paramref name="credits"/> for queued messages; false (nothing changed) when the balance is short.</summary>
    public static async Task<bool> TryReserveAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, DateTimeOffset now, CancellationToken ct)
    {
        var taken = await Balance(db, tenantId, channel)
            .Where(b => b.Available >= credits)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Available, b => b.Available - credits)
                .SetProperty(b => b.Reserved, b => b.Reserved + credits)
                .SetProperty(b => b.Version, b => b.Version + 1), ct);
        if (taken == 0)
        {
            return false;
        }

        await AddEntryAsync(db, tenantId, channel, CreditEntryKind.Reserve, credits, null, null, null, now, ct);
        return true;
    }

    /// <summary>The provider accepted messages: their reserved credits are spent.</summary>
    public static async Task SettleAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, DateTimeOffset now, CancellationToken ct)
    {
        await Balance(db, tenantId, channel).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Reserved, b => b.Reserved - credits)
            .SetProperty(b => b.Version, b => b.Version + 1), ct);
        await AddEntryAsync(db, tenantId, channel, CreditEntryKind.Settle, credits, null, null, null, now, ct);
    }

    /// <summary>A message finally failed or was not sent: its reserved credits go back to available.</summary>
    public static async Task RefundAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, long outboxId, DateTimeOffset now, CancellationToken ct)
    {
        await Balance(db, tenantId, channel).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Reserved, b => b.Reserved - credits)
            .SetProperty(b => b.Available, b => b.Available + credits)
            .SetProperty(b => b.Version, b => b.Version + 1), ct);
        await AddEntryAsync(db, tenantId, channel, CreditEntryKind.Refund, credits, outboxId, null, null, now, ct);
    }

    public static Task<long> AvailableAsync(AppDbContext db, Guid tenantId, MessageChannel channel, CancellationToken ct) =>
        Balance(db, tenantId, channel).Select(b => b.Available).FirstOrDefaultAsync(ct);

    private static IQueryable<CreditBalance> Balance(AppDbContext db, Guid tenantId, MessageChannel channel) =>
        db.Set<CreditBalance>().IgnoreQueryFilters().Where(b => b.TenantId == tenantId && b.Channel == channel);

    // Raw, not Add + SaveChanges: the caller's context may hold changes of its own that it saves when it decides.
    private static Task<int> AddEntryAsync(
        AppDbContext db, Guid tenantId, MessageChannel channel, CreditEntryKind kind, long credits, long? outboxId,
        string? reason, string? actorId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "CreditEntries" ("TenantId", "Channel", "Kind", "Credits", "OutboxMessageId", "Reason", "ActorId", "CreatedAt") VALUES ({tenantId}, {(int)channel}, {(int)kind}, {credits}, {outboxId}, {reason}, {actorId}, {now})""",
            ct);
}

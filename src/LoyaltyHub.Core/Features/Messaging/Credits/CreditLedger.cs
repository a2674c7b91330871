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
    /// Creates the balance row when missing (a grant's first statement: on SQLite a write takes
    /// the write lock before anything is read, so the transaction never has to upgrade a stale
    /// read snapshot, "database is locked"). Reservations need no row: a tenant without one has
    /// no credits.
    /// </summary>
    private static Task<int> EnsureBalanceAsync(AppDbContext db, Guid tenantId, MessageChannel channel, CancellationToken ct) =>
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

    /// <summary>
    /// Holds <paramref name="credits"/> for messages about to be queued; false (nothing changed)
    /// when the balance is short or the tenant has none. Writes no ledger row: the caller records
    /// what it finally reserved with <see cref="RecordReserveAsync"/> and gives back the rest with
    /// <see cref="ReleaseAsync"/>, so a reservation needs no savepoint to be undone. Plain SQL, as
    /// it runs on the purchase path (a LINQ update is translated on every call).
    /// </summary>
    public static async Task<bool> TryReserveAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "CreditBalances" SET "Available" = "Available" - {credits}, "Reserved" = "Reserved" + {credits}, "Version" = "Version" + 1 WHERE "TenantId" = {tenantId} AND "Channel" = {(int)channel} AND "Available" >= {credits}""",
            ct) == 1;

    /// <summary>Gives back credits held by <see cref="TryReserveAsync"/> that no message took (in the same transaction).</summary>
    public static Task ReleaseAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""UPDATE "CreditBalances" SET "Available" = "Available" + {credits}, "Reserved" = "Reserved" - {credits}, "Version" = "Version" + 1 WHERE "TenantId" = {tenantId} AND "Channel" = {(int)channel}""",
            ct);

    /// <summary>The ledger row of credits held for queued messages.</summary>
    public static Task RecordReserveAsync(AppDbContext db, Guid tenantId, MessageChannel channel, long credits, DateTimeOffset now, CancellationToken ct) =>
        AddEntryAsync(db, tenantId, channel, CreditEntryKind.Reserve, credits, null, null, null, now, ct);

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

using System.Data.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Credits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>A claimed row, as the dispatcher needs it.</summary>
internal sealed record ClaimedMessage(
    long Id, Guid TenantId, MessageChannel Channel, MessageKind Kind, string Recipient, int? CustomerId,
    string? Subject, string Body, string? TextBody, bool IsTest, int Attempts, int Cost, string Gateway);

/// <summary>Where one dispatch attempt left a message.</summary>
internal sealed record Outcome(ClaimedMessage Message, OutboxState State, string? Error, string? ProviderMessageId = null, DateTimeOffset? NextAttemptAt = null)
{
    /// <summary>Credits are spent once the provider accepted the message.</summary>
    public bool Settles => State == OutboxState.Sent;

    public bool Refunds => State is OutboxState.Failed or OutboxState.NotSentTest or OutboxState.Blocked;
}

/// <summary>
/// The dispatcher's statements. Every one names its rows by id or by state and time, never
/// through the tenant filter: the dispatcher works for all tenants from one context.
/// </summary>
internal sealed class OutboxStore(string instanceId)
{
    /// <summary>Tenants with due rows on the given channels (one index probe per tenant).</summary>
    public static Task<List<Guid>> DueTenantsAsync(AppDbContext db, MessageChannel[] channels, DateTimeOffset now, CancellationToken ct) =>
        db.Tenants.AsNoTracking()
            .Where(t => db.Set<OutboxMessage>().IgnoreQueryFilters()
                .Any(m => m.TenantId == t.Id && m.State == OutboxState.Queued && m.NextAttemptAt <= now && channels.Contains(m.Channel)))
            .OrderBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync(ct);

    /// <summary>
    /// Takes up to <paramref name="limit"/> due rows of one tenant in one statement, which also
    /// returns them: state Sending, this instance's lease, one more attempt. PostgreSQL skips rows
    /// another instance is taking (SKIP LOCKED); SQLite runs one writer at a time, so the
    /// conditional update is the lease.
    /// </summary>
    public async Task<List<ClaimedMessage>> ClaimAsync(
        AppDbContext db, Guid tenantId, IReadOnlyDictionary<MessageChannel, string> gateways, int limit, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var connection = await OpenAsync(db, ct);
        var columns = new MappedColumns(db);
        var rows = new List<ClaimedMessage>(limit);
        await using var command = connection.CreateCommand();
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var channels = string.Join(", ", gateways.Keys.Select(c => (int)c));
        command.CommandText = $"""
            UPDATE "OutboxMessages" SET "State" = {(int)OutboxState.Sending}, "LeaseOwner" = @owner, "LeaseUntil" = @until,
                "NextAttemptAt" = @untilNext, "Attempts" = "Attempts" + 1, "UpdatedAt" = @now,
                "Gateway" = CASE "Channel" WHEN {(int)MessageChannel.Sms} THEN @sms ELSE @email END
            WHERE "State" = {(int)OutboxState.Queued} AND "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "TenantId" = @tenant AND "State" = {(int)OutboxState.Queued} AND "NextAttemptAt" <= @due AND "Channel" IN ({channels})
                ORDER BY "NextAttemptAt" LIMIT {limit} {skipLocked})
            RETURNING "Id", "Channel", "Kind", "Recipient", "CustomerId", "Subject", "Body", "TextBody", "IsTest", "Attempts", "Cost", "Gateway"
            """;
        columns.Add(command, "@owner", nameof(OutboxMessage.LeaseOwner)).Set(instanceId);
        columns.Add(command, "@until", nameof(OutboxMessage.LeaseUntil)).Set(now + lease);
        columns.Add(command, "@untilNext", nameof(OutboxMessage.NextAttemptAt)).Set(now + lease);
        columns.Add(command, "@now", nameof(OutboxMessage.UpdatedAt)).Set(now);
        columns.Add(command, "@sms", nameof(OutboxMessage.Gateway)).Set(gateways.GetValueOrDefault(MessageChannel.Sms));
        columns.Add(command, "@email", nameof(OutboxMessage.Gateway)).Set(gateways.GetValueOrDefault(MessageChannel.Email));
        columns.Add(command, "@tenant", nameof(OutboxMessage.TenantId)).Set(tenantId);
        columns.Add(command, "@due", nameof(OutboxMessage.NextAttemptAt)).Set(now);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ClaimedMessage(
                reader.GetInt64(0), tenantId, (MessageChannel)reader.GetInt32(1), (MessageKind)reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetBoolean(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetString(11)));
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>
    /// Writes <paramref name="outcomes"/> in one transaction, with the credits they settle or
    /// refund. A row whose lease this instance lost (another instance took it over) is left alone.
    /// </summary>
    public async Task CompleteAsync(AppDbContext db, IReadOnlyList<Outcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        await OpenAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var applied = db.Database.IsNpgsql()
            ? await CompletePostgresAsync(db, transaction, outcomes, now, ct)
            : await CompleteEachAsync(db, transaction, outcomes, now, ct);
        await MoveCreditsAsync(db, applied.Where(o => o.Settles).Select(o => o.Message), applied.Where(o => o.Refunds).Select(o => o.Message), now, ct);
        await transaction.CommitAsync(ct);
    }

    private const string CompleteSet = """
        "LastError" = COALESCE(@error, "LastError"), "ProviderMessageId" = COALESCE(@provider, "ProviderMessageId"),
        "NextAttemptAt" = COALESCE(@next, "NextAttemptAt"), "LeaseUntil" = NULL, "UpdatedAt" = @now
        """;

    /// <summary>SQLite, in process: one prepared UPDATE per row costs microseconds.</summary>
    private async Task<List<Outcome>> CompleteEachAsync(AppDbContext db, IDbContextTransaction transaction, IReadOnlyList<Outcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        var columns = new MappedColumns(db);
        var applied = new List<Outcome>(outcomes.Count);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"""
            UPDATE "OutboxMessages" SET "State" = @state, "SentAt" = COALESCE(@sent, "SentAt"), {CompleteSet}
            WHERE "Id" = @id AND "LeaseOwner" = @owner AND "State" IN ({(int)OutboxState.Sending}, {(int)OutboxState.Unknown})
            """;
        var p = columns.Bind(command, ("@state", nameof(OutboxMessage.State)), ("@error", nameof(OutboxMessage.LastError)),
            ("@provider", nameof(OutboxMessage.ProviderMessageId)), ("@sent", nameof(OutboxMessage.SentAt)),
            ("@next", nameof(OutboxMessage.NextAttemptAt)), ("@now", nameof(OutboxMessage.UpdatedAt)),
            ("@id", nameof(OutboxMessage.Id)), ("@owner", nameof(OutboxMessage.LeaseOwner)));
        p[5].Set(now);
        p[7].Set(instanceId);
        await command.PrepareAsync(ct);
        foreach (var outcome in outcomes)
        {
            p[0].Set(outcome.State);
            p[1].Set(Truncate(outcome.Error));
            p[2].Set(outcome.ProviderMessageId);
            p[3].Set(outcome.State == OutboxState.Sent ? now : null);
            p[4].Set(outcome.NextAttemptAt);
            p[6].Set(outcome.Message.Id);
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                applied.Add(outcome);
            }
        }

        return applied;
    }

    /// <summary>PostgreSQL, a round trip away: the whole batch in one UPDATE from arrays, which returns the rows it moved.</summary>
    private async Task<List<Outcome>> CompletePostgresAsync(AppDbContext db, IDbContextTransaction transaction, IReadOnlyList<Outcome> outcomes, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"""
            UPDATE "OutboxMessages" AS m SET "State" = u.state, "SentAt" = CASE WHEN u.state = {(int)OutboxState.Sent} THEN @now ELSE m."SentAt" END,
                "LastError" = COALESCE(u.error, m."LastError"), "ProviderMessageId" = COALESCE(u.provider, m."ProviderMessageId"),
                "NextAttemptAt" = COALESCE(u.next, m."NextAttemptAt"), "LeaseUntil" = NULL, "UpdatedAt" = @now
            FROM unnest(@ids, @states, @errors, @providers, @nexts) AS u(id, state, error, provider, next)
            WHERE m."Id" = u.id AND m."LeaseOwner" = @owner AND m."State" IN ({(int)OutboxState.Sending}, {(int)OutboxState.Unknown})
            RETURNING m."Id"
            """;
        command.Parameters.Add(new NpgsqlParameter("now", now));
        command.Parameters.Add(new NpgsqlParameter("owner", instanceId));
        command.Parameters.Add(new NpgsqlParameter("ids", outcomes.Select(o => o.Message.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("states", outcomes.Select(o => (int)o.State).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => Truncate(o.Error)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("providers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => o.ProviderMessageId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("nexts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
        {
            Value = outcomes.Select(o => o.NextAttemptAt?.UtcDateTime).ToArray(),
        });
        var moved = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                moved.Add(reader.GetInt64(0));
            }
        }

        return [.. outcomes.Where(o => moved.Contains(o.Message.Id))];
    }

    /// <summary>
    /// Rows of instances that died mid-send: a Sending row whose lease passed goes back to the
    /// queue when its gateway honours the idempotency key (a repeat is harmless), else it becomes
    /// Unknown. Unknown rows that waited <paramref name="unknownTimeout"/> for a receipt fail as
    /// unconfirmed and are refunded. Returns how many rows moved.
    /// </summary>
    public static async Task<int> SweepAsync(
        AppDbContext db, IReadOnlyCollection<string> idempotentGateways, TimeSpan unknownTimeout, DateTimeOffset now, CancellationToken ct)
    {
        await OpenAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = db.Set<OutboxMessage>().IgnoreQueryFilters();
        var expired = rows.Where(m => m.State == OutboxState.Sending && m.NextAttemptAt <= now);
        var requeued = await expired.Where(m => idempotentGateways.Contains(m.Gateway!))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Queued)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, "The dispatcher stopped while sending; sent again with the same idempotency key.")
                .SetProperty(m => m.UpdatedAt, now), ct);
        var unknown = await expired
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Unknown)
                .SetProperty(m => m.NextAttemptAt, now + unknownTimeout)
                .SetProperty(m => m.LastError, "The dispatcher stopped while sending: the provider may have it; waiting for its receipt.")
                .SetProperty(m => m.UpdatedAt, now), ct);

        var givenUp = await rows.AsNoTracking()
            .Where(m => m.State == OutboxState.Unknown && m.NextAttemptAt <= now)
            .Select(m => new { m.Id, m.TenantId, m.Channel, m.Cost })
            .ToListAsync(ct);
        var failed = new List<ClaimedMessage>();
        foreach (var row in givenUp)
        {
            var moved = await rows.Where(m => m.Id == row.Id && m.State == OutboxState.Unknown)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.State, OutboxState.Failed)
                    .SetProperty(m => m.LastError, "Unconfirmed: no receipt came from the provider; credits refunded.")
                    .SetProperty(m => m.UpdatedAt, now), ct);
            if (moved == 1)
            {
                failed.Add(new ClaimedMessage(row.Id, row.TenantId, row.Channel, default, "", null, null, "", null, false, 0, row.Cost, ""));
            }
        }

        await MoveCreditsAsync(db, [], failed, now, ct);
        await transaction.CommitAsync(ct);
        return requeued + unknown + failed.Count;
    }

    /// <summary>One settlement per tenant and channel; one refund row per message (it names the message).</summary>
    private static async Task MoveCreditsAsync(
        AppDbContext db, IEnumerable<ClaimedMessage> settled, IEnumerable<ClaimedMessage> refunded, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var group in settled.GroupBy(m => (m.TenantId, m.Channel)).OrderBy(g => g.Key))
        {
            await CreditLedger.SettleAsync(db, group.Key.TenantId, group.Key.Channel, group.Sum(m => (long)m.Cost), now, ct);
        }

        foreach (var message in refunded.OrderBy(m => (m.TenantId, m.Channel)))
        {
            await CreditLedger.RefundAsync(db, message.TenantId, message.Channel, message.Cost, message.Id, now, ct);
        }
    }

    private static async Task<DbConnection> OpenAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection();
    }

    private static string? Truncate(string? error) =>
        error is { Length: > OutboxMessage.ErrorMax } ? error[..OutboxMessage.ErrorMax] : error;
}

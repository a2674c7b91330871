using System.Data.Common;
using System.Globalization;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Credits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>What a queue call did.</summary>
/// <param name="Duplicates">Requests whose idempotency key was already queued (in this call or before): not queued again.</param>
public sealed record QueueReport(int Queued, int Duplicates, long SmsCredits, long EmailCredits);

/// <summary>Puts rendered messages in the outbox (ARCHITECTURE §3 "Messages").</summary>
public interface IMessageOutbox
{
    /// <summary>
    /// Queues <paramref name="messages"/> in <paramref name="db"/>'s current transaction (the one of
    /// their cause; a transaction of its own when there is none), reserving their credits. A key
    /// already queued adds no row and reserves nothing. When the credits do not cover the batch,
    /// it fails with the reason and writes nothing. Changes tracked by <paramref name="db"/> are
    /// neither saved nor discarded.
    /// </summary>
    Task<Result<QueueReport>> QueueAsync(AppDbContext db, IReadOnlyList<QueuedMessageRequest> messages, CancellationToken cancellationToken = default);
}

internal sealed class MessageOutbox(TimeProvider clock, OutboxSignal signal) : IMessageOutbox
{
    private const int PostgresChunk = 5_000;

    /// <summary>From this many rows a SQLite queue call enlarges the page cache while it inserts.</summary>
    private const int BulkRows = 1_000;

    private const int BulkCacheKiB = -256 * 1024;

    /// <summary>SQLite's default page cache (2 MB).</summary>
    private const int DefaultCacheKiB = -2_000;

    public async Task<Result<QueueReport>> QueueAsync(AppDbContext db, IReadOnlyList<QueuedMessageRequest> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Messages are queued for a tenant: act for one first.");
        if (Validate(messages) is { } invalid)
        {
            return Result<QueueReport>.From(invalid);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = messages.Where(m => seen.Add(m.IdempotencyKey)).Select(m => (Message: m, Cost: MessageCost.Of(m))).ToList();
        var held = Holds(unique);
        var now = clock.GetUtcNow();

        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var transaction = db.Database.CurrentTransaction!;
        try
        {
            // Credits first, for every row as if none were already queued: a refusal then has
            // nothing to undo in the caller's transaction (no savepoint), and on SQLite the first
            // statement is a write. Only when that falls short are the known keys looked up, as
            // they need no credits.
            var refusal = await TryHoldAsync(db, tenantId, held, cancellationToken);
            if (refusal is not null && await KnownKeysAsync(db, tenantId, unique, cancellationToken) is { Count: > 0 } known)
            {
                unique = unique.Where(u => !known.Contains(u.Message.IdempotencyKey)).ToList();
                held = Holds(unique);
                refusal = await TryHoldAsync(db, tenantId, held, cancellationToken);
            }

            if (refusal is not null)
            {
                if (owned is not null)
                {
                    await owned.RollbackAsync(cancellationToken);
                }

                return Result<QueueReport>.Fail("", refusal);
            }

            var inserted = db.Database.IsNpgsql()
                ? await InsertPostgresAsync(db, transaction, tenantId, unique, now, cancellationToken)
                : await InsertSqliteAsync(db, transaction, tenantId, unique, now, cancellationToken);

            var costs = new Dictionary<MessageChannel, long>();
            foreach (var (channel, cost) in inserted)
            {
                costs[channel] = costs.GetValueOrDefault(channel) + cost;
            }

            foreach (var (channel, credits) in held)
            {
                var reserved = costs.GetValueOrDefault(channel);
                if (reserved < credits)
                {
                    // Known keys queued nothing: their hold goes back.
                    await CreditLedger.ReleaseAsync(db, tenantId, channel, credits - reserved, cancellationToken);
                }

                if (reserved > 0)
                {
                    await CreditLedger.RecordReserveAsync(db, tenantId, channel, reserved, now, cancellationToken);
                }
            }

            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }

            if (inserted.Count > 0)
            {
                signal.Notify();
            }

            return Result<QueueReport>.Ok(new QueueReport(
                inserted.Count, messages.Count - inserted.Count,
                costs.GetValueOrDefault(MessageChannel.Sms), costs.GetValueOrDefault(MessageChannel.Email)));
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private static List<(MessageChannel Channel, long Credits)> Holds(List<(QueuedMessageRequest Message, int Cost)> rows) =>
        rows.GroupBy(u => u.Message.Channel).OrderBy(g => g.Key).Select(g => (g.Key, (long)g.Sum(u => u.Cost))).ToList();

    /// <summary>Holds the credits of every channel, or none of them and says which channel falls short.</summary>
    private static async Task<string?> TryHoldAsync(AppDbContext db, Guid tenantId, List<(MessageChannel Channel, long Credits)> held, CancellationToken ct)
    {
        for (var i = 0; i < held.Count; i++)
        {
            var (channel, credits) = held[i];
            if (!await CreditLedger.TryReserveAsync(db, tenantId, channel, credits, ct))
            {
                foreach (var (before, beforeCredits) in held.Take(i))
                {
                    await CreditLedger.ReleaseAsync(db, tenantId, before, beforeCredits, ct);
                }

                return CreditLedger.NotEnough(channel, await CreditLedger.AvailableAsync(db, tenantId, channel, ct), credits);
            }
        }

        return null;
    }

    private static async Task<HashSet<string>> KnownKeysAsync(AppDbContext db, Guid tenantId, List<(QueuedMessageRequest Message, int Cost)> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => r.Message.IdempotencyKey).ToList();
        return (await db.Set<OutboxMessage>().IgnoreQueryFilters().Where(m => m.TenantId == tenantId && keys.Contains(m.IdempotencyKey))
            .Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }

    private static Result? Validate(IReadOnlyList<QueuedMessageRequest> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var problem =
                !Enum.IsDefined(m.Channel) || !Enum.IsDefined(m.Kind) ? "unknown channel or kind"
                : string.IsNullOrWhiteSpace(m.IdempotencyKey) || m.IdempotencyKey.Length > OutboxMessage.KeyMax ? $"the idempotency key is required, at most {OutboxMessage.KeyMax} characters"
                : string.IsNullOrWhiteSpace(m.Recipient) || m.Recipient.Length > OutboxMessage.RecipientMax ? "the recipient is required, at most 320 characters"
                : string.IsNullOrEmpty(m.Body) ? "the body is empty"
                : m.Channel == MessageChannel.Email && (string.IsNullOrWhiteSpace(m.Subject) || m.Subject.Length > OutboxMessage.SubjectMax) ? "an email needs a subject of at most 500 characters"
                : m.Source.Length > OutboxMessage.SourceMax ? "the source is at most 60 characters"
                : null;
            if (problem is not null)
            {
                return Result.Fail("", string.Create(CultureInfo.InvariantCulture, $"Message {i + 1} cannot be queued: {problem}."));
            }
        }

        return null;
    }

    private const string Columns = """
        "TenantId", "Channel", "Kind", "Source", "Recipient", "CustomerId", "Subject", "Body", "TextBody", "IsTest",
        "IdempotencyKey", "Cost", "State", "Attempts", "NextAttemptAt", "CreatedAt", "UpdatedAt"
        """;

    private const string OnConflict = """ON CONFLICT ("TenantId", "IdempotencyKey") DO NOTHING RETURNING "Channel", "Cost" """;

    /// <summary>
    /// One prepared statement reused per row: SQLite has no round trip, so this is its fastest path.
    /// A row counts as queued when the statement changed one row (a known key changes none).
    /// </summary>
    private static async Task<List<(MessageChannel, int)>> InsertSqliteAsync(
        AppDbContext db, IDbContextTransaction transaction, Guid tenantId, List<(QueuedMessageRequest Message, int Cost)> messages, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = new List<(MessageChannel, int)>(messages.Count);
        var columns = new MappedColumns(db);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var bulk = messages.Count >= BulkRows;
        if (bulk)
        {
            // As BulkInsert does: the five indexes of a large outbox stay in the page cache instead of
            // being spilled and read back for every few rows.
            command.CommandText = $"PRAGMA cache_size = {BulkCacheKiB}";
            await command.ExecuteNonQueryAsync(ct);
        }

        command.CommandText = $"INSERT INTO \"OutboxMessages\" ({Columns}) VALUES ($t, $ch, $k, $src, $to, $cust, $subj, $body, $text, $test, $key, $cost, {(int)OutboxState.Queued}, 0, $now, $created, $now) ON CONFLICT (\"TenantId\", \"IdempotencyKey\") DO NOTHING";
        var p = columns.Bind(command, ("$t", "TenantId"), ("$ch", "Channel"), ("$k", "Kind"), ("$src", "Source"), ("$to", "Recipient"),
            ("$cust", "CustomerId"), ("$subj", "Subject"), ("$body", "Body"), ("$text", "TextBody"), ("$test", "IsTest"),
            ("$key", "IdempotencyKey"), ("$cost", "Cost"), ("$now", "NextAttemptAt"), ("$created", "CreatedAt"));
        p[0].Set(tenantId);
        p[12].Set(now);
        p[13].Set(now);
        try
        {
            await command.PrepareAsync(ct);
            foreach (var (m, cost) in messages)
            {
                p[1].Set(m.Channel);
                p[2].Set(m.Kind);
                p[3].Set(m.Source);
                p[4].Set(m.Recipient);
                p[5].Set(m.CustomerId);
                p[6].Set(m.Subject);
                p[7].Set(m.Body);
                p[8].Set(m.TextBody);
                p[9].Set(m.IsTest);
                p[10].Set(m.IdempotencyKey);
                p[11].Set(cost);
                if (await command.ExecuteNonQueryAsync(ct) == 1)
                {
                    inserted.Add((m.Channel, cost));
                }
            }
        }
        finally
        {
            if (bulk)
            {
                command.Parameters.Clear();
                command.CommandText = $"PRAGMA cache_size = {DefaultCacheKiB}";
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        return inserted;
    }

    /// <summary>Thousands of rows per statement from arrays (unnest): one round trip per chunk.</summary>
    private static async Task<List<(MessageChannel, int)>> InsertPostgresAsync(
        AppDbContext db, IDbContextTransaction transaction, Guid tenantId, List<(QueuedMessageRequest Message, int Cost)> messages, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = new List<(MessageChannel, int)>(messages.Count);
        var connection = db.Database.GetDbConnection();
        foreach (var rows in messages.Chunk(PostgresChunk))
        {
            var chunk = rows.Select(r => r.Message).ToArray();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = $"""
                INSERT INTO "OutboxMessages" ({Columns})
                SELECT @t, u.ch, u.k, u.src, u.rcpt, u.cust, u.subj, u.body, u.txt, u.test, u.key, u.cost, {(int)OutboxState.Queued}, 0, @now, @now, @now
                FROM unnest(@ch, @k, @src, @rcpt, @cust, @subj, @body, @txt, @test, @key, @cost) AS u(ch, k, src, rcpt, cust, subj, body, txt, test, key, cost)
                {OnConflict}
                """;
            command.Parameters.Add(new NpgsqlParameter("t", tenantId));
            command.Parameters.Add(new NpgsqlParameter("now", now));
            command.Parameters.Add(new NpgsqlParameter("ch", chunk.Select(m => (int)m.Channel).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("k", chunk.Select(m => (int)m.Kind).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("src", chunk.Select(m => m.Source).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("rcpt", chunk.Select(m => m.Recipient).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("cust", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = chunk.Select(m => m.CustomerId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("subj", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = chunk.Select(m => m.Subject).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("body", chunk.Select(m => m.Body).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("txt", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = chunk.Select(m => m.TextBody).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("test", chunk.Select(m => m.IsTest).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("key", chunk.Select(m => m.IdempotencyKey).ToArray()));
            command.Parameters.Add(new NpgsqlParameter("cost", rows.Select(r => r.Cost).ToArray()));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(((MessageChannel)reader.GetInt32(0), reader.GetInt32(1)));
            }
        }

        return inserted;
    }
}

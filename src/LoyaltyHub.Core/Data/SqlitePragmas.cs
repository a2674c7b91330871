using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Per-connection settings of SQLite (they are not kept by the file, unlike WAL), set once on each
/// physical connection when EF first opens it; the pool hands the same handle out again.
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>: in WAL mode a commit then only appends to the WAL and the fsync
/// happens at checkpoints. The database can never be corrupted by it; a power loss or OS crash (not
/// an app crash) may lose the last commits. With FULL every commit waits for an fsync (about 3 ms
/// on the CI disk), which caps a single writer at a few hundred commits per second.</item>
/// <item><c>busy_timeout</c>: a writer that finds the database locked (another process, or a write
/// outside the <see cref="WriteGate"/>) waits inside SQLite, retrying within milliseconds. Without
/// it Microsoft.Data.Sqlite retries every 150 ms, which is what made concurrent purchases slow.</item>
/// </list>
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    private static readonly object Seen = new();

    /// <summary>The physical connections already set up; an entry goes with its handle.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || applied.TryAdd(handle, Seen);
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Per-connection settings of SQLite (they are not kept by the file, unlike WAL), set each time EF
/// opens a connection; on a pooled connection that is one cheap in-process statement.
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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

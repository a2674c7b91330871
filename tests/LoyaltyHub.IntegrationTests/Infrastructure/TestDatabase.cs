using Microsoft.Data.Sqlite;
using Npgsql;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, real database for one test class or test: a temporary SQLite file, or a uniquely named
/// PostgreSQL database on the server of <c>LOYALTYHUB_TEST_POSTGRES</c>. Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "LOYALTYHUB_TEST_POSTGRES";

    private readonly Func<Task> drop;
    private int dropped;

    private TestDatabase(string provider, string connectionString, string name, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        this.drop = drop;
    }

    /// <summary><see cref="Providers.Sqlite"/> or <see cref="Providers.Postgres"/>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>File path (SQLite) or database name (PostgreSQL).</summary>
    public string Name { get; }

    public static Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        Providers.Sqlite => Task.FromResult(CreateSqlite()),
        Providers.Postgres => CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    /// <summary>Deletes the database; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref dropped, 1) == 0)
        {
            await drop();
        }
    }

    private static TestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lh_{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new TestDatabase(Providers.Sqlite, connectionString, path, () =>
        {
            using (var connection = new SqliteConnection(connectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set, so the PostgreSQL half of this test cannot run. Set it to a superuser " +
                "connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\" " +
                "(scripts/test.sh starts a server and sets it).");
        }

        var name = $"lh_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new TestDatabase(Providers.Postgres, connectionString, name, async () =>
        {
            await using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var dropDatabase = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await dropDatabase.ExecuteNonQueryAsync();
        });
    }
}

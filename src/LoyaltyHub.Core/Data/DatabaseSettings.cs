using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace LoyaltyHub.Core.Data;

/// <summary>The database providers LoyaltyHub runs on; the seam where SQL Server would join.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database, from <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>. With no
/// connection string, SQLite keeps its file under <c>data/</c> of the content root.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not supported; use Sqlite or Postgres.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSQL.");
            }

            var folder = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(folder);
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(folder, "loyaltyhub.db"),
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }

        return new DatabaseSettings(provider, connectionString);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(WithAutoPrepare(ConnectionString),
                npgsql => npgsql.MigrationsAssembly("LoyaltyHub.Migrations.Postgres")),
            _ => options.UseSqlite(ConnectionString,
                sqlite => sqlite.MigrationsAssembly("LoyaltyHub.Migrations.Sqlite")).AddInterceptors(SqlitePragmas.Instance),
        };
    }

    /// <summary>
    /// Npgsql's automatic preparation unless the connection string sets it: a statement run twice on
    /// a pooled connection is prepared on the server, which then skips parsing and planning it (on
    /// the purchase path about 40% of the server's CPU).
    /// </summary>
    private static string WithAutoPrepare(string connectionString) =>
        connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ToString();
}

using LoyaltyHub.Core;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// The Core services in this process on a fresh, real database (a SQLite file in WAL, or a uniquely
/// named PostgreSQL database that is dropped at the end), migrated and seeded with the demo merchant.
/// </summary>
internal sealed class CoreHost : IAsyncDisposable
{
    public const string PostgresVariable = "LOYALTYHUB_TEST_POSTGRES";

    private CoreHost(ServiceProvider services, string name, Guid tenantId, double seedSeconds, double seedCpuSeconds)
    {
        Services = services;
        Name = name;
        TenantId = tenantId;
        SeedSeconds = seedSeconds;
        SeedCpuSeconds = seedCpuSeconds;
    }

    public ServiceProvider Services { get; }

    /// <summary>"SQLite (WAL)" or "PostgreSQL".</summary>
    public string Name { get; }

    /// <summary>The demo merchant.</summary>
    public Guid TenantId { get; }

    public double SeedSeconds { get; }

    /// <summary>CPU time of this process (not of a PostgreSQL server) during the seed: its cost on a busy machine, where wall time mostly measures waiting.</summary>
    public double SeedCpuSeconds { get; }

    /// <summary>SQLite always; PostgreSQL when <see cref="PostgresVariable"/> names a server.</summary>
    public static IEnumerable<(DatabaseProvider Provider, string ConnectionString)> Databases(DirectoryInfo workDir)
    {
        yield return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(workDir.FullName, $"core-{Guid.NewGuid():N}.db")}");
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server)
        {
            yield return (DatabaseProvider.Postgres, $"{server.TrimEnd(';')};Database=loyaltyhub_bench_{Guid.NewGuid():N}");
        }
    }

    public static async Task<CoreHost> StartAsync(
        DatabaseProvider provider, string connectionString, CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("LoyaltyHub.Core.Features.Demo", LogLevel.None))
            .AddLoyaltyHubCore(configuration, new DatabaseSettings(provider, connectionString))
            .BuildServiceProvider();
        try
        {
            await DataFeature.MigrateAsync(services, ct);
            await LoyaltyHub.Core.Features.Identity.RoleSeeder.EnsureRolesAsync(services);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var cpu = Environment.CpuUsage.TotalTime;
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
            }

            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
            await using var probe = services.CreateAsyncScope();
            var tenantId = await probe.ServiceProvider.GetRequiredService<AppDbContext>().Tenants
                .Where(t => t.Slug == DemoData.Slug).Select(t => t.Id).SingleAsync(ct);
            return new CoreHost(services, provider == DatabaseProvider.Sqlite ? "SQLite (WAL)" : "PostgreSQL", tenantId, seconds, cpuSeconds);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public AsyncServiceScope TenantScope() => Services.GetRequiredService<TenantScopeFactory>().CreateScope(TenantId);

    public async ValueTask DisposeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.IsSqlite())
            {
                await db.Database.EnsureDeletedAsync();
            }
        }

        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>Latency percentiles of one run, in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(List<double> sortedMs, double p) =>
        sortedMs.Count == 0 ? double.NaN : sortedMs[Math.Min(sortedMs.Count - 1, (int)Math.Ceiling(p / 100 * sortedMs.Count) - 1)];
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// The statistics the query planners choose indexes by. SQLite has none until ANALYZE runs, and
/// without them it assumes "TenantId = ?" matches about ten rows, so with a million customers in
/// one tenant it may walk a whole (TenantId, …) index to avoid a sort. PostgreSQL's autovacuum
/// keeps its own, but only some time after a bulk load.
/// </summary>
internal static class PlannerStatistics
{
    /// <summary>
    /// SQLite: <c>PRAGMA optimize</c> checking every table (0x10000), which analyses the tables never
    /// analysed or grown or shrunk a lot since, with a bounded sample: cheap enough for every start.
    /// </summary>
    public static async Task OptimizeAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    /// <summary>After a bulk load: statistics of every table, now, on either database.</summary>
    public static async Task AnalyzeAsync(DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
    }
}

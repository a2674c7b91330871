using System.Globalization;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Benchmarks;

/// <summary>The PostgreSQL server's share of a run, when the server runs on this machine.</summary>
internal static class PostgresCpu
{
    /// <summary>
    /// CPU time (ms) the PostgreSQL backends serving <paramref name="db"/>'s database have used so
    /// far, from /proc; null on SQLite. Pooled connections stay open, so the difference over a run
    /// is the run's.
    /// </summary>
    public static async Task<double?> BackendsMsAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            return null;
        }

        var pids = await db.Database.SqlQueryRaw<int>("""SELECT pid AS "Value" FROM pg_stat_activity WHERE datname = current_database()""").ToListAsync(ct);
        return pids.Sum(pid => File.Exists($"/proc/{pid}/stat") ? Ticks(File.ReadAllText($"/proc/{pid}/stat")) * 10.0 : 0);

        // Fields after the command name: state is the 3rd, utime and stime the 14th and 15th (1/100 s).
        static long Ticks(string stat)
        {
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
    }
}

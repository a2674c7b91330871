using LoyaltyHub.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Settings a tenant has at most one row of (a unique index on TenantId): the row is created by the
/// first save, and until then the entity's defaults apply.
/// </summary>
internal static class SettingsRows
{
    public const string SavedConcurrently = "These settings were changed at the same time elsewhere. Reload the page and try again.";

    /// <summary>The tenant's tracked row, or a new one with the defaults, added to <paramref name="db"/>.</summary>
    public static async Task<T> GetOrAddAsync<T>(this AppDbContext db, CancellationToken cancellationToken)
        where T : class, ITenantOwned, new()
    {
        var row = await db.Set<T>().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new T();
            db.Add(row);
        }

        return row;
    }

    /// <summary>
    /// Saves; two first saves at once both insert, the unique index refuses the second, and its
    /// caller is told to reload instead of meeting an exception.
    /// </summary>
    public static async Task<Result> SaveSettingsAsync(this AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries().Any(e => e.State == EntityState.Added))
        {
            return Result.Fail("", SavedConcurrently);
        }
    }
}

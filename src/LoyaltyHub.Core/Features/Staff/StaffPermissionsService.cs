using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Staff;

/// <summary>The current tenant's staff permissions; all off until the first save.</summary>
public sealed class StaffPermissionsService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The tenant's permissions (defaults when never saved); what the messaging issue will check.</summary>
    public async Task<StaffPermissions> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<StaffPermissions>().AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new StaffPermissions();
    }

    public async Task<Result> SaveAsync(StaffPermissionsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        input.ApplyTo(await db.GetOrAddAsync<StaffPermissions>(cancellationToken));
        return await db.SaveSettingsAsync(cancellationToken);
    }
}

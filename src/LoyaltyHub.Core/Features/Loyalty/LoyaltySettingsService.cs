using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Tenancy;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// The current tenant's loyalty settings and per-shop multipliers. The settings row is created by
/// the first save; reads before that return the defaults.
/// </summary>
public sealed class LoyaltySettingsService(IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant)
{
    public const int MaxMultiplierPercent = 1000;
    public const string MultiplierMessage = "The multiplier is a whole percentage from 0 to 1000.";

    public async Task<LoyaltySettingsInput> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await CurrentTenantAsync(db, cancellationToken);
        var settings = await db.Set<LoyaltySettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new LoyaltySettings();
        return LoyaltySettingsInput.From(settings, merchant);
    }

    public async Task<Result> SaveAsync(LoyaltySettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await CurrentTenantAsync(db, cancellationToken);
        input.ApplyTo(await db.GetOrAddAsync<LoyaltySettings>(cancellationToken), merchant);
        return await db.SaveSettingsAsync(cancellationToken);
    }

    /// <summary>Every shop of the tenant by name, with its multiplier.</summary>
    public async Task<IReadOnlyList<ShopMultiplier>> ListShopMultipliersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Shops
            .OrderBy(s => s.Name)
            .Select(s => new ShopMultiplier(s.Id, s.Name,
                db.Set<ShopEarnMultiplier>().Where(m => m.ShopId == s.Id).Select(m => (int?)m.Percent).FirstOrDefault()
                    ?? LoyaltyMath.NeutralMultiplierPercent))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result> SetShopMultiplierAsync(int shopId, int percent, CancellationToken cancellationToken = default)
    {
        if (percent is < 0 or > MaxMultiplierPercent)
        {
            return Result.Fail(nameof(ShopMultiplier.Percent), MultiplierMessage);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The tenant filter hides other tenants' shops, so their ids are "not found".
        if (!await db.Shops.AnyAsync(s => s.Id == shopId, cancellationToken))
        {
            return Result.NotFound("The shop");
        }

        var multiplier = await db.Set<ShopEarnMultiplier>().FirstOrDefaultAsync(m => m.ShopId == shopId, cancellationToken);
        if (multiplier is null)
        {
            multiplier = new ShopEarnMultiplier { ShopId = shopId };
            db.Add(multiplier);
        }

        multiplier.Percent = percent;
        return await db.SaveSettingsAsync(cancellationToken);
    }

    /// <summary>The tenant row itself: global, so it is looked up by the scope's tenant, never by an id from the caller.</summary>
    private async Task<Tenant> CurrentTenantAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var id = tenant.TenantId ?? throw new TenantIsolationException("Loyalty settings belong to a tenant.");
        return await db.Tenants.FirstAsync(t => t.Id == id, cancellationToken);
    }
}

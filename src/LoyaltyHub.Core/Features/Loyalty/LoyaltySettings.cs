using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// A tenant's loyalty rules: one row per tenant, created on the first save; until then the
/// defaults of this class apply. The currency and time zone live on the tenant itself.
/// </summary>
public sealed class LoyaltySettings : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Points earned for every <see cref="EarnSpendMinor"/> spent (see <see cref="EarnRule"/>).</summary>
    public int EarnPoints { get; set; } = EarnRule.Default.Points;

    public long EarnSpendMinor { get; set; } = EarnRule.Default.SpendMinor;

    /// <summary>Points expire this many months after they were earned, first in, first out.</summary>
    public int PointsValidityMonths { get; set; } = 12;

    public EarnRule EarnRule => new(EarnPoints, EarnSpendMinor);
}

/// <summary>
/// A shop that earns more or less than the tenant's rule, in percent (200 = double points,
/// 0 = no points there). A shop without a row earns at 100%.
/// </summary>
public sealed class ShopEarnMultiplier : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public int ShopId { get; set; }

    public int Percent { get; set; } = LoyaltyMath.NeutralMultiplierPercent;
}

internal sealed class LoyaltySettingsConfiguration : IEntityTypeConfiguration<LoyaltySettings>
{
    public void Configure(EntityTypeBuilder<LoyaltySettings> builder)
    {
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.Ignore(s => s.EarnRule);
    }
}

internal sealed class ShopEarnMultiplierConfiguration : IEntityTypeConfiguration<ShopEarnMultiplier>
{
    public void Configure(EntityTypeBuilder<ShopEarnMultiplier> builder)
    {
        builder.ToTable("ShopEarnMultipliers");
        builder.HasIndex(m => new { m.TenantId, m.ShopId }).IsUnique();
        // Deleting a shop takes its multiplier with it.
        builder.HasOne<Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

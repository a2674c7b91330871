using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Rewards;

public enum RewardType
{
    DiscountPercent = 0,
    Gift = 1,
    CashbackPercent = 2,
}

/// <summary>How the program is obtained: for points (the default), once as a welcome gift, or every n-th visit.</summary>
public enum RewardTrigger
{
    Points = 0,
    WelcomeGift = 1,
    PerVisit = 2,
}

/// <summary>A reward program of SPEC §4, offered as a badge at the counter.</summary>
public sealed class RewardProgram : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Title { get; set; }

    public RewardType Type { get; set; }

    /// <summary>Discount or cashback percent (1–100); unused for gifts.</summary>
    public int Percent { get; set; }

    public string? GiftName { get; set; }

    /// <summary>Points spent for a Points program; n (every n-th visit) for PerVisit; unused for WelcomeGift.</summary>
    public int Cost { get; set; }

    public RewardTrigger Trigger { get; set; }

    public bool ProOnly { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Offered in every shop except these (an empty list: all shops).</summary>
    public List<int> ExcludedShopIds { get; set; } = [];
}

internal sealed class RewardProgramConfiguration : IEntityTypeConfiguration<RewardProgram>
{
    public void Configure(EntityTypeBuilder<RewardProgram> builder)
    {
        builder.ToTable("RewardPrograms");
        builder.Property(p => p.Title).HasMaxLength(RewardProgramInput.TitleMax);
        builder.Property(p => p.GiftName).HasMaxLength(RewardProgramInput.GiftNameMax);
        builder.PrimitiveCollection(p => p.ExcludedShopIds);
        builder.HasIndex(p => new { p.TenantId, p.Title }).IsUnique();
    }
}

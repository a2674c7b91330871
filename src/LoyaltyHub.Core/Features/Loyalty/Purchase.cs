using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>A purchase recorded at a counter; never deleted, voided with reversing ledger rows.</summary>
public sealed class Purchase : ITenantOwned, ICustomerEvent
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Client-generated; unique per tenant so a retry returns the first purchase.</summary>
    public Guid IdempotencyKey { get; set; }

    public int ShopId { get; set; }

    public string? StaffUserId { get; set; }

    public int CustomerId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>Discounts of the rewards applied; points are earned on AmountMinor − DiscountMinor.</summary>
    public long DiscountMinor { get; set; }

    public long PointsEarned { get; set; }

    public long PointsSpent { get; set; }

    public long CashbackEarnedMinor { get; set; }

    public long CashbackSpentMinor { get; set; }

    public long GiftCardPaidMinor { get; set; }

    public string? GiftCardNumber { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? VoidedAt { get; set; }

    public string? VoidedByUserId { get; set; }

    public string? VoidReason { get; set; }

    public List<PurchaseLine> Lines { get; } = [];

    public List<PurchaseReward> Rewards { get; } = [];
}

public sealed class PurchaseLine : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long PurchaseId { get; set; }

    public int? CategoryId { get; set; }

    public int? ProductId { get; set; }

    public int Quantity { get; set; } = 1;

    public long AmountMinor { get; set; }
}

public sealed class PurchaseReward : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long PurchaseId { get; set; }

    public int RewardProgramId { get; set; }

    public long PointsSpent { get; set; }

    public long DiscountMinor { get; set; }

    public long CashbackMinor { get; set; }

    /// <summary>A gift reward: the gift handed over.</summary>
    public string? GiftName { get; set; }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.ToTable("Purchases");
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.StaffUserId).HasMaxLength(450);
        builder.Property(p => p.VoidedByUserId).HasMaxLength(450);
        builder.Property(p => p.VoidReason).HasMaxLength(500);
        builder.Property(p => p.GiftCardNumber).HasMaxLength(64);
        builder.HasIndex(p => new { p.TenantId, p.IdempotencyKey }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.CreatedAt });
        builder.HasIndex(p => new { p.CustomerId, p.Id });
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Rewards).WithOne().HasForeignKey(r => r.PurchaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PurchaseLineConfiguration : IEntityTypeConfiguration<PurchaseLine>
{
    public void Configure(EntityTypeBuilder<PurchaseLine> builder)
    {
        builder.ToTable("PurchaseLines");
        // A product or category named by a purchase is archived, never deleted (CatalogService): the keys enforce it.
        builder.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PurchaseRewardConfiguration : IEntityTypeConfiguration<PurchaseReward>
{
    public void Configure(EntityTypeBuilder<PurchaseReward> builder)
    {
        builder.ToTable("PurchaseRewards");
        builder.Property(r => r.GiftName).HasMaxLength(200);
        builder.HasIndex(r => new { r.RewardProgramId, r.PurchaseId });
    }
}

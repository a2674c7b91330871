using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.GiftCards;

public enum GiftCardEntryKind
{
    /// <summary>The card was sold: +initial amount.</summary>
    Issue = 0,

    /// <summary>Value used at a counter or as a purchase payment: negative.</summary>
    Redeem = 1,

    /// <summary>Gives back a redemption (a voided purchase): positive.</summary>
    Reversal = 2,
}

/// <summary>One movement of a gift card's value. Rows are only ever added; corrections are reversals.</summary>
public sealed class GiftCardEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public int GiftCardId { get; set; }

    public GiftCard? GiftCard { get; set; }

    public GiftCardEntryKind Kind { get; set; }

    /// <summary>Signed minor units: + adds value, − spends it.</summary>
    public long AmountMinor { get; set; }

    public int? ShopId { get; set; }

    /// <summary>The user id of the staff login or manager who recorded it.</summary>
    public string? StaffId { get; set; }

    /// <summary>The purchase this movement paid for (see <c>IGiftCardPayments</c>); null at the counter.</summary>
    public Guid? PurchaseKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class GiftCardEntryConfiguration : IEntityTypeConfiguration<GiftCardEntry>
{
    public void Configure(EntityTypeBuilder<GiftCardEntry> builder)
    {
        builder.ToTable("GiftCardEntries");
        builder.Property(e => e.StaffId).HasMaxLength(450);
        builder.HasOne(e => e.GiftCard).WithMany(c => c.Entries).HasForeignKey(e => e.GiftCardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shops.Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.PurchaseKey });
        // Transactions list newest first per tenant.
        builder.HasIndex(e => new { e.TenantId, e.CreatedAt });
    }
}

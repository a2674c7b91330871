using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.GiftCards;

public enum GiftCardKind
{
    Physical = 0,
    Virtual = 1,
}

/// <summary>
/// A gift card of a merchant (SPEC §5). Its value lives in the append-only <see cref="GiftCardEntry"/>
/// ledger; <see cref="BalanceMinor"/> is a cache of the ledger's sum, changed only together with a
/// ledger row and guarded by <see cref="Version"/>, so two spends of one balance cannot both pass.
/// </summary>
public sealed class GiftCard : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Digits only, unique in the tenant (Luhn-checked, see <see cref="CardNumbers"/>).</summary>
    public required string Number { get; set; }

    public GiftCardKind Kind { get; set; }

    public long InitialAmountMinor { get; set; }

    /// <summary>ISO 4217; the tenant's currency when the card was sold.</summary>
    public required string Currency { get; set; }

    /// <summary>Cached sum of the ledger; see the class remarks.</summary>
    public long BalanceMinor { get; set; }

    /// <summary>Concurrency token: every balance change increments it in the same conditional update.</summary>
    public int Version { get; set; }

    public int? BuyerCustomerId { get; set; }

    public string? RecipientName { get; set; }

    public string? RecipientEmail { get; set; }

    public string? RecipientPhone { get; set; }

    public string? Message { get; set; }

    /// <summary>Last day the card can be used, in the tenant's time zone.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user id of whoever sold it.</summary>
    public string? CreatedBy { get; set; }

    public int? SoldAtShopId { get; set; }

    public List<GiftCardEntry> Entries { get; } = [];
}

internal sealed class GiftCardConfiguration : IEntityTypeConfiguration<GiftCard>
{
    public void Configure(EntityTypeBuilder<GiftCard> builder)
    {
        builder.ToTable("GiftCards");
        builder.Property(c => c.Number).HasMaxLength(CardNumbers.MaxLength);
        builder.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.RecipientName).HasMaxLength(GiftCardInput.NameMax);
        builder.Property(c => c.RecipientEmail).HasMaxLength(GiftCardInput.EmailMax);
        builder.Property(c => c.RecipientPhone).HasMaxLength(PhoneNumbers.MaxLength);
        builder.Property(c => c.Message).HasMaxLength(GiftCardInput.MessageMax);
        builder.Property(c => c.CreatedBy).HasMaxLength(450);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.BuyerCustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Shops.Shop>().WithMany().HasForeignKey(c => c.SoldAtShopId).OnDelete(DeleteBehavior.Restrict);
    }
}

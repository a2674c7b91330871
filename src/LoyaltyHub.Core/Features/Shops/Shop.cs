using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Shops;

/// <summary>A physical or online store of a merchant; its staff sign in with the shop's login.</summary>
public sealed class Shop : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    /// <summary>The <c>shop_phone</c> template variable.</summary>
    public string? Phone { get; set; }

    public required string Email { get; set; }

    public string? OpeningHours { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(ShopInput.NameMax);
        builder.Property(s => s.Address).HasMaxLength(ShopInput.AddressMax);
        builder.Property(s => s.Phone).HasMaxLength(ShopInput.PhoneMax);
        builder.Property(s => s.Email).HasMaxLength(ShopInput.EmailMax);
        builder.Property(s => s.OpeningHours).HasMaxLength(ShopInput.OpeningHoursMax);
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
    }
}

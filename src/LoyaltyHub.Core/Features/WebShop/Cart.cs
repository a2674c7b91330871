using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// A web-shop cart as last pushed by the shop: what abandoned-cart reminders (SPEC §8) are computed
/// from. The shop sends the whole cart each time it changes; <see cref="UpdatedAt"/> is when we
/// last heard of it.
/// </summary>
public sealed class Cart : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The shop's cart id; unique in the tenant.</summary>
    public required string ExternalId { get; set; }

    public int? CustomerId { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string Language { get; set; } = "en";

    /// <summary>Amount excluding VAT (the seed's threshold is on this), minor units.</summary>
    public long AmountExclVatMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>Where the customer gets the cart back (https, checked at the edge).</summary>
    public string? RecoveryUrl { get; set; }

    public List<CartLine> Lines { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class CartLine : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public int CartId { get; set; }

    public required string ProductCode { get; set; }

    public required string Name { get; set; }

    public int Quantity { get; set; }

    public long UnitPriceMinor { get; set; }
}

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(WebShopLimits.ExternalId);
        builder.HasIndex(c => new { c.TenantId, c.ExternalId }).IsUnique();
        // The reminder job scans carts by their last update.
        builder.HasIndex(c => new { c.TenantId, c.UpdatedAt });
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Language).HasMaxLength(2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.RecoveryUrl).HasMaxLength(WebShopLimits.Url);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> builder)
    {
        builder.Property(l => l.ProductCode).HasMaxLength(WebShopLimits.ProductCode);
        builder.Property(l => l.Name).HasMaxLength(WebShopLimits.LineName);
    }
}

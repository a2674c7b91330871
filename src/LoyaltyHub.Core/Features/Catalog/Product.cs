using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Catalog;

/// <summary>Something a merchant sells, inside one category.</summary>
public sealed class Product : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public int CategoryId { get; set; }

    public Category? Category { get; set; }

    public required string Name { get; set; }

    /// <summary>The merchant's own code (SKU, barcode); unique in the tenant when set.</summary>
    public string? Sku { get; set; }

    /// <summary>Optional list price in minor units of the tenant's currency (1250 = 12.50).</summary>
    public long? PriceMinor { get; set; }

    /// <summary>
    /// Withdrawn from sale but kept, because past purchase lines name it: hidden from the counter
    /// and from the catalog's active list. See <see cref="CatalogService.DeleteProductAsync"/>.
    /// </summary>
    public bool Archived { get; set; }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.Property(p => p.Name).HasMaxLength(ProductInput.NameMax);
        builder.Property(p => p.Sku).HasMaxLength(ProductInput.SkuMax);
        // NULLs are distinct in unique indexes on SQLite and PostgreSQL, so products without a code never collide.
        builder.HasIndex(p => new { p.TenantId, p.Sku }).IsUnique();
        builder.HasIndex(p => new { p.TenantId, p.CategoryId, p.Name }).IsUnique();
    }
}

using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Catalog;

/// <summary>A group of products; staff pick one when recording a purchase, segments target its buyers.</summary>
public sealed class Category : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Position in lists (ascending, then by name).</summary>
    public int SortOrder { get; set; }

    /// <summary>Kept for past purchases and archived products, hidden everywhere else; see <see cref="Product.Archived"/>.</summary>
    public bool Archived { get; set; }

    public List<Product> Products { get; } = [];
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        // Named here (plural, like every table) because the context declares no DbSet for it.
        builder.ToTable("Categories");
        builder.Property(c => c.Name).HasMaxLength(CategoryInput.NameMax);
        builder.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
        // A category with products cannot be deleted: the service says so, the database enforces it.
        builder.HasMany(c => c.Products).WithOne(p => p.Category).HasForeignKey(p => p.CategoryId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;

namespace LoyaltyHub.Core.Features.Catalog;

/// <summary>What a manager types to create or edit a category.</summary>
public sealed class CategoryInput
{
    internal const int NameMax = 80;

    [Required(ErrorMessage = "Give the category a name.")]
    [StringLength(NameMax, ErrorMessage = "The name is at most 80 characters.")]
    public string Name { get; set; } = "";

    /// <summary>Empty puts a new category last.</summary>
    [Range(0, 9999, ErrorMessage = "The position is a whole number from 0 to 9999.")]
    public int? SortOrder { get; set; }

    public static CategoryInput From(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new() { Name = category.Name, SortOrder = category.SortOrder };
    }
}

/// <summary>What a manager types to create or edit a product; the price is typed in currency units.</summary>
public sealed class ProductInput
{
    internal const int NameMax = 120, SkuMax = 64;

    [Range(1, int.MaxValue, ErrorMessage = "Choose a category.")]
    public int CategoryId { get; set; }

    [Required(ErrorMessage = "Give the product a name.")]
    [StringLength(NameMax, ErrorMessage = "The name is at most 120 characters.")]
    public string Name { get; set; } = "";

    [StringLength(SkuMax, ErrorMessage = "The code is at most 64 characters.")]
    public string? Sku { get; set; }

    /// <summary>"12.50" or empty; the service stores it as minor units.</summary>
    [MoneyText]
    public string? Price { get; set; }

    public static ProductInput From(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new()
        {
            CategoryId = product.CategoryId,
            Name = product.Name,
            Sku = product.Sku,
            Price = product.PriceMinor is { } minor ? Money.ToText(minor) : null,
        };
    }

    /// <summary>Call only on a validated input: the price then parses.</summary>
    internal void ApplyTo(Product product)
    {
        product.CategoryId = CategoryId;
        product.Name = Name.Trim();
        product.Sku = string.IsNullOrWhiteSpace(Sku) ? null : Sku.Trim();
        product.PriceMinor = Money.TryParseMinor(Price, out var minor, out _) ? minor : null;
    }
}

/// <summary>A row of the category list; <see cref="ProductCount"/> counts the products on sale.</summary>
public sealed record CategorySummary(int Id, string Name, int SortOrder, int ProductCount, bool Archived);

/// <summary>A row of the product grid.</summary>
public sealed record ProductSummary(int Id, int CategoryId, string CategoryName, string Name, string? Sku, long? PriceMinor, bool Archived);

/// <summary>What a delete did: removed the row, or archived it because purchases name it.</summary>
public enum CatalogRemoval
{
    Deleted = 0,
    Archived = 1,
}

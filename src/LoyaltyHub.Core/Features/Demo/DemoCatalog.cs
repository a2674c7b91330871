using LoyaltyHub.Core.Features.Catalog;

namespace LoyaltyHub.Core.Features.Demo;

/// <summary>The demo merchant's catalog: three categories of a coffee roaster, ten products.</summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<Category> Categories() =>
    [
        Category(1, "Coffee beans",
            ("Ethiopia Yirgacheffe 250 g", "BEAN-ETH-250", 1290), ("Colombia Huila 250 g", "BEAN-COL-250", 1150),
            ("House espresso blend 1 kg", "BEAN-HOUSE-1K", 3400), ("Decaf Brazil 250 g", "BEAN-DEC-250", 1190)),
        Category(2, "Drinks",
            ("Espresso", "DRK-ESP", 220), ("Cappuccino", "DRK-CAP", 380), ("Cold brew", "DRK-CBR", 450),
            ("Filter coffee of the day", null, 300)),
        Category(3, "Equipment",
            ("Hand grinder", "EQ-GRIND", 5900), ("Gift wrapping", null, null)),
    ];

    private static Category Category(int sortOrder, string name, params (string Name, string? Sku, long? PriceMinor)[] products)
    {
        var category = new Category { Name = name, SortOrder = sortOrder };
        category.Products.AddRange(products.Select(p => new Product { Name = p.Name, Sku = p.Sku, PriceMinor = p.PriceMinor }));
        return category;
    }
}

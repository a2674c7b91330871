using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Catalog;

/// <summary>
/// Categories and products of the current tenant. Every call opens its own short-lived context,
/// whose tenant filter hides other tenants' rows: an id of another tenant is simply "not found".
/// Uniqueness is checked first for a clear message; the unique indexes settle a race, and the
/// losing save is answered with the same message.
/// </summary>
public sealed class CatalogService(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string DuplicateCategory = "Another category already has this name.";
    private const string DuplicateProduct = "This category already has a product with this name.";
    private const string DuplicateSku = "Another product already has this code.";
    private const string UnknownCategory = "Choose a category.";

    public async Task<IReadOnlyList<CategorySummary>> ListCategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Category>()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CategorySummary(c.Id, c.Name, c.SortOrder, c.Products.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<Category?> FindCategoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Category>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public async Task<Result<Category>> CreateCategoryAsync(CategoryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return Result<Category>.From(invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var categories = db.Set<Category>();
        var category = new Category
        {
            Name = input.Name.Trim(),
            // Blank position: after the last one.
            SortOrder = input.SortOrder ?? ((await categories.MaxAsync(c => (int?)c.SortOrder, cancellationToken) ?? 0) + 1),
        };
        categories.Add(category);
        var saved = await SaveCategoryAsync(db, category, cancellationToken);
        return saved.Succeeded ? Result<Category>.Ok(category) : Result<Category>.From(saved);
    }

    public async Task<Result> UpdateCategoryAsync(int id, CategoryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var category = await db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Result.NotFound("The category");
        }

        category.Name = input.Name.Trim();
        category.SortOrder = input.SortOrder ?? category.SortOrder;
        return await SaveCategoryAsync(db, category, cancellationToken);
    }

    /// <summary>Refuses while the category has products: they would lose their category.</summary>
    public async Task<Result> DeleteCategoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var category = await db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Result.NotFound("The category");
        }

        db.Remove(category);
        // Checked before the save, and again when a product added meanwhile makes the foreign key refuse it.
        return await SaveCheckedAsync(db, () => StillHasProductsAsync(db, id, cancellationToken), cancellationToken);
    }

    /// <summary>Products of one category, or of all when <paramref name="categoryId"/> is null.</summary>
    public async Task<IReadOnlyList<ProductSummary>> ListProductsAsync(int? categoryId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Product>()
            .Where(p => categoryId == null || p.CategoryId == categoryId)
            .OrderBy(p => p.Category!.SortOrder).ThenBy(p => p.Category!.Name).ThenBy(p => p.Name)
            .Select(p => new ProductSummary(p.Id, p.CategoryId, p.Category!.Name, p.Name, p.Sku, p.PriceMinor))
            .ToListAsync(cancellationToken);
    }

    public async Task<Product?> FindProductAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public async Task<Result<Product>> CreateProductAsync(ProductInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return Result<Product>.From(invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = new Product { Name = "" };
        input.ApplyTo(product);
        db.Add(product);
        var saved = await SaveProductAsync(db, product, cancellationToken);
        return saved.Succeeded ? Result<Product>.Ok(product) : Result<Product>.From(saved);
    }

    public async Task<Result> UpdateProductAsync(int id, ProductInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result.NotFound("The product");
        }

        input.ApplyTo(product);
        return await SaveProductAsync(db, product, cancellationToken);
    }

    public async Task<Result> DeleteProductAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result.NotFound("The product");
        }

        db.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The tenant's currency, in which product prices are typed and shown.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Currency).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    private static Task<Result> SaveCategoryAsync(AppDbContext db, Category category, CancellationToken cancellationToken) =>
        SaveCheckedAsync(db, () => CategoryConflictAsync(db, category, cancellationToken), cancellationToken);

    private static Task<Result> SaveProductAsync(AppDbContext db, Product product, CancellationToken cancellationToken) =>
        SaveCheckedAsync(db, () => ProductConflictAsync(db, product, cancellationToken), cancellationToken);

    /// <summary>
    /// Saves unless <paramref name="conflict"/> objects; when a concurrent save wins the race to a
    /// unique index or a foreign key, asks again so the loser gets the same field message.
    /// </summary>
    private static async Task<Result> SaveCheckedAsync(AppDbContext db, Func<Task<Result?>> conflict, CancellationToken cancellationToken)
    {
        if (await conflict() is { } refused)
        {
            return refused;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("", "Someone else deleted it meanwhile. Reload the page.");
        }
        catch (DbUpdateException)
        {
            if (await conflict() is { } lost)
            {
                return lost;
            }

            throw;
        }
    }

    private static async Task<Result?> CategoryConflictAsync(AppDbContext db, Category category, CancellationToken cancellationToken) =>
        await db.Set<Category>().AnyAsync(c => c.Id != category.Id && c.Name == category.Name, cancellationToken)
            ? Result.Fail(nameof(CategoryInput.Name), DuplicateCategory)
            : null;

    private static async Task<Result?> ProductConflictAsync(AppDbContext db, Product product, CancellationToken cancellationToken)
    {
        // The tenant filter hides other tenants' categories, so one cannot be borrowed by its id.
        if (!await db.Set<Category>().AnyAsync(c => c.Id == product.CategoryId, cancellationToken))
        {
            return Result.Fail(nameof(ProductInput.CategoryId), UnknownCategory);
        }

        var others = db.Set<Product>().Where(p => p.Id != product.Id);
        if (product.Sku is not null && await others.AnyAsync(p => p.Sku == product.Sku, cancellationToken))
        {
            return Result.Fail(nameof(ProductInput.Sku), DuplicateSku);
        }

        return await others.AnyAsync(p => p.CategoryId == product.CategoryId && p.Name == product.Name, cancellationToken)
            ? Result.Fail(nameof(ProductInput.Name), DuplicateProduct)
            : null;
    }

    private static async Task<Result?> StillHasProductsAsync(AppDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        var count = await db.Set<Product>().CountAsync(p => p.CategoryId == categoryId, cancellationToken);
        return count == 0 ? null : Result.Fail("", count == 1
            ? "This category still has 1 product. Move it to another category or delete it first."
            : $"This category still has {count} products. Move them to another category or delete them first.");
    }
}

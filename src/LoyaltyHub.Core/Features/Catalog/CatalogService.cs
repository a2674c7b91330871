using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Loyalty;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Catalog;

/// <summary>
/// Categories and products of the current tenant. Every call opens its own short-lived context,
/// whose tenant filter hides other tenants' rows: an id of another tenant is simply "not found".
/// Uniqueness is checked first for a clear message; the unique indexes settle a race, and the
/// losing save is answered with the same message. What past purchases name is never deleted but
/// archived: hidden from the counter and the active lists, kept for the history.
/// </summary>
public sealed class CatalogService(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string DuplicateCategory = "Another category already has this name.";
    private const string DuplicateProduct = "This category already has a product with this name.";
    private const string DuplicateSku = "Another product already has this code.";
    private const string UnknownCategory = "Choose a category.";
    private const string DeletedMeanwhile = "Someone else deleted it meanwhile. Reload the page.";
    private const string ArchivedCategory = "This category is archived. Restore it first, or choose another one.";

    /// <summary>The categories on sale (what the counter offers), or every one with <paramref name="includeArchived"/>.</summary>
    public async Task<IReadOnlyList<CategorySummary>> ListCategoriesAsync(bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Category>()
            .Where(c => includeArchived || !c.Archived)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CategorySummary(c.Id, c.Name, c.SortOrder, c.Products.Count(p => !p.Archived), c.Archived))
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

    /// <summary>
    /// Refuses while the category has products on sale: they would lose their category. Deletes
    /// it when nothing names it; archives it when archived products or past purchase lines do.
    /// </summary>
    public async Task<Result<CatalogRemoval>> DeleteCategoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var category = await db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Result<CatalogRemoval>.From(Result.NotFound("The category"));
        }

        return await RemoveAsync(db, category,
            () => StillHasProductsAsync(db, id, cancellationToken),
            async () => await db.Set<Product>().AnyAsync(p => p.CategoryId == id, cancellationToken)
                || await db.Set<PurchaseLine>().AnyAsync(l => l.CategoryId == id, cancellationToken),
            () => category.Archived = true,
            cancellationToken);
    }

    /// <summary>Puts an archived category back in the lists; its archived products stay archived until restored one by one.</summary>
    public async Task<Result> RestoreCategoryAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var category = await db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Result.NotFound("The category");
        }

        category.Archived = false;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>
    /// Products on sale (what the counter offers) of one category, or of all when
    /// <paramref name="categoryId"/> is null; archived ones too with <paramref name="includeArchived"/>.
    /// </summary>
    public async Task<IReadOnlyList<ProductSummary>> ListProductsAsync(int? categoryId = null, bool includeArchived = false,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Product>()
            .Where(p => categoryId == null || p.CategoryId == categoryId)
            .Where(p => includeArchived || !p.Archived)
            .OrderBy(p => p.Category!.SortOrder).ThenBy(p => p.Category!.Name).ThenBy(p => p.Name)
            .Select(p => new ProductSummary(p.Id, p.CategoryId, p.Category!.Name, p.Name, p.Sku, p.PriceMinor, p.Archived))
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

    /// <summary>
    /// Deletes a product no purchase names. One that past purchase lines name is archived instead,
    /// so those purchases still show it; the result says which happened.
    /// </summary>
    public async Task<Result<CatalogRemoval>> DeleteProductAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result<CatalogRemoval>.From(Result.NotFound("The product"));
        }

        return await RemoveAsync(db, product,
            () => Task.FromResult<Result?>(null),
            () => db.Set<PurchaseLine>().AnyAsync(l => l.ProductId == id, cancellationToken),
            () => product.Archived = true,
            cancellationToken);
    }

    /// <summary>Puts an archived product back on sale, and its category with it when that was archived too.</summary>
    public async Task<Result> RestoreProductAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Set<Product>().Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result.NotFound("The product");
        }

        product.Archived = false;
        product.Category!.Archived = false;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The tenant's currency, in which product prices are typed and shown.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Currency).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    /// <summary>
    /// Deletes <paramref name="entity"/> unless <paramref name="refused"/> objects; archives it
    /// instead while <paramref name="inUse"/>. A purchase line or product added between the check
    /// and the delete makes the foreign key refuse it: then it is checked again and archived.
    /// </summary>
    private static async Task<Result<CatalogRemoval>> RemoveAsync(AppDbContext db, object entity, Func<Task<Result?>> refused,
        Func<Task<bool>> inUse, Action archive, CancellationToken cancellationToken)
    {
        if (await refused() is { } refusal)
        {
            return Result<CatalogRemoval>.From(refusal);
        }

        try
        {
            if (!await inUse())
            {
                db.Remove(entity);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return Result<CatalogRemoval>.Ok(CatalogRemoval.Deleted);
                }
                catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
                {
                    if (await refused() is { } lost)
                    {
                        return Result<CatalogRemoval>.From(lost);
                    }

                    if (!await inUse())
                    {
                        throw;
                    }
                }

                db.Entry(entity).State = EntityState.Unchanged;
            }

            archive();
            await db.SaveChangesAsync(cancellationToken);
            return Result<CatalogRemoval>.Ok(CatalogRemoval.Archived);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CatalogRemoval>.Fail("", DeletedMeanwhile);
        }
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
            return Result.Fail("", DeletedMeanwhile);
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
        await db.Set<Category>().Where(c => c.Id != category.Id && c.Name == category.Name)
                .Select(c => (bool?)c.Archived).FirstOrDefaultAsync(cancellationToken) switch
            {
                null => null,
                true => Result.Fail(nameof(CategoryInput.Name), "An archived category has this name. Restore it, or choose another name."),
                false => Result.Fail(nameof(CategoryInput.Name), DuplicateCategory),
            };

    private static async Task<Result?> ProductConflictAsync(AppDbContext db, Product product, CancellationToken cancellationToken)
    {
        // The tenant filter hides other tenants' categories, so one cannot be borrowed by its id.
        var categoryArchived = await db.Set<Category>().Where(c => c.Id == product.CategoryId)
            .Select(c => (bool?)c.Archived).FirstOrDefaultAsync(cancellationToken);
        if (categoryArchived is null)
        {
            return Result.Fail(nameof(ProductInput.CategoryId), UnknownCategory);
        }

        // Nothing new goes on sale in an archived category; an archived product may still be corrected there.
        if (categoryArchived.Value && !product.Archived)
        {
            return Result.Fail(nameof(ProductInput.CategoryId), ArchivedCategory);
        }

        var others = db.Set<Product>().Where(p => p.Id != product.Id);
        if (product.Sku is not null
            && await others.Where(p => p.Sku == product.Sku).Select(p => (bool?)p.Archived).FirstOrDefaultAsync(cancellationToken) is { } skuArchived)
        {
            return Result.Fail(nameof(ProductInput.Sku), skuArchived ? "An archived product has this code. Restore it, or use another code." : DuplicateSku);
        }

        return await others.Where(p => p.CategoryId == product.CategoryId && p.Name == product.Name)
                .Select(p => (bool?)p.Archived).FirstOrDefaultAsync(cancellationToken) switch
            {
                null => null,
                true => Result.Fail(nameof(ProductInput.Name), "An archived product of this category has this name. Restore it, or choose another name."),
                false => Result.Fail(nameof(ProductInput.Name), DuplicateProduct),
            };
    }

    private static async Task<Result?> StillHasProductsAsync(AppDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        var count = await db.Set<Product>().CountAsync(p => p.CategoryId == categoryId && !p.Archived, cancellationToken);
        return count == 0 ? null : Result.Fail("", count == 1
            ? "This category still has 1 product. Move it to another category or delete it first."
            : $"This category still has {count} products. Move them to another category or delete them first.");
    }
}

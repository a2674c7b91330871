using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Catalog;

/// <summary>
/// What past purchases name is archived, never deleted: hidden from the counter's lists, still
/// there for the purchase; what nothing names is deleted. On each database.
/// </summary>
public sealed class CatalogArchiveTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_product_on_a_past_purchase_is_archived_and_an_unused_one_deleted(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var drinks = await CreateCategoryAsync(world, "Drinks");
        var espresso = await CreateProductAsync(world, drinks.Id, "Espresso");
        var latte = await CreateProductAsync(world, drinks.Id, "Latte");
        var purchaseId = await BuyAsync(world, drinks.Id, espresso.Id);

        var (archived, deleted) = await CallAsync(world, async s => (await s.DeleteProductAsync(espresso.Id), await s.DeleteProductAsync(latte.Id)));

        Assert.Equal(CatalogRemoval.Archived, Succeeded(archived));
        Assert.Equal(CatalogRemoval.Deleted, Succeeded(deleted));
        Assert.False(await world.App.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().AnyAsync(p => p.Id == latte.Id)));
        // Hidden from the counter's lists and the active catalog, still on the purchase and still found by id.
        var lists = await CallAsync(world, async s => new
        {
            Active = await s.ListProductsAsync(),
            InCategory = await s.ListProductsAsync(drinks.Id),
            All = await s.ListProductsAsync(includeArchived: true),
            Categories = await s.ListCategoriesAsync(),
            Found = await s.FindProductAsync(espresso.Id),
        });
        Assert.Empty(lists.Active);
        Assert.Empty(lists.InCategory);
        Assert.Equal([(espresso.Id, true)], lists.All.Select(p => (p.Id, p.Archived)));
        Assert.Equal([(drinks.Id, 0, false)], lists.Categories.Select(c => (c.Id, c.ProductCount, c.Archived)));
        Assert.Equal(("Espresso", true), (lists.Found!.Name, lists.Found.Archived));
        Assert.Equal(espresso.Id, await world.App.QueryAsync(db => db.Set<PurchaseLine>().IgnoreQueryFilters()
            .Where(l => l.PurchaseId == purchaseId).Select(l => l.ProductId).SingleAsync()));

        // Its name and code stay taken, with a message that says why; restoring puts it back on sale.
        var clash = await CallAsync(world, s => s.CreateProductAsync(new ProductInput { CategoryId = drinks.Id, Name = "Espresso" }));
        Assert.Equal([(nameof(ProductInput.Name), "An archived product of this category has this name. Restore it, or choose another name.")], Flatten(clash));
        Assert.True((await CallAsync(world, s => s.RestoreProductAsync(espresso.Id))).Succeeded);
        Assert.Equal([espresso.Id], (await CallAsync(world, s => s.ListProductsAsync())).Select(p => p.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_category_is_deleted_when_unused_archived_when_purchases_or_archived_products_name_it_and_kept_while_it_has_products_on_sale(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var unused = await CreateCategoryAsync(world, "Unused");
        var soldAsCategory = await CreateCategoryAsync(world, "Pastries");
        var drinks = await CreateCategoryAsync(world, "Drinks");
        var espresso = await CreateProductAsync(world, drinks.Id, "Espresso");
        await BuyAsync(world, soldAsCategory.Id, null);
        await BuyAsync(world, drinks.Id, espresso.Id);

        var (unusedGone, pastries, drinksOnSale) = await CallAsync(world, async s => (
            await s.DeleteCategoryAsync(unused.Id), await s.DeleteCategoryAsync(soldAsCategory.Id), await s.DeleteCategoryAsync(drinks.Id)));

        Assert.Equal(CatalogRemoval.Deleted, Succeeded(unusedGone));
        Assert.Equal(CatalogRemoval.Archived, Succeeded(pastries));
        Assert.Equal([("", "This category still has 1 product. Move it to another category or delete it first.")], Flatten(drinksOnSale));

        // Once its only product is archived, the category is archived in turn, not deleted.
        Assert.Equal(CatalogRemoval.Archived, Succeeded(await CallAsync(world, s => s.DeleteProductAsync(espresso.Id))));
        Assert.Equal(CatalogRemoval.Archived, Succeeded(await CallAsync(world, s => s.DeleteCategoryAsync(drinks.Id))));

        var categories = await world.App.QueryAsync(db => db.Set<Category>().IgnoreQueryFilters().Where(c => c.TenantId == world.TenantId)
            .OrderBy(c => c.Id).Select(c => new { c.Name, c.Archived }).ToListAsync());
        Assert.Equal([("Pastries", true), ("Drinks", true)], categories.Select(c => (c.Name, c.Archived)));
        Assert.Empty(await CallAsync(world, s => s.ListCategoriesAsync()));
        Assert.Equal(2, (await CallAsync(world, s => s.ListCategoriesAsync(includeArchived: true))).Count);

        // Nothing new goes on sale in an archived category; restoring the product brings its category back.
        var refused = await CallAsync(world, s => s.CreateProductAsync(new ProductInput { CategoryId = drinks.Id, Name = "Latte" }));
        Assert.Equal([(nameof(ProductInput.CategoryId), "This category is archived. Restore it first, or choose another one.")], Flatten(refused));
        Assert.True((await CallAsync(world, s => s.RestoreProductAsync(espresso.Id))).Succeeded);
        Assert.Equal([("Drinks", 1)], (await CallAsync(world, s => s.ListCategoriesAsync())).Select(c => (c.Name, c.ProductCount)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_to_delete_a_product_a_purchase_line_names(string provider)
    {
        // The service's check comes first; the foreign key is the last word when a purchase is recorded meanwhile.
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var drinks = await CreateCategoryAsync(world, "Drinks");
        var espresso = await CreateProductAsync(world, drinks.Id, "Espresso");
        await BuyAsync(world, drinks.Id, espresso.Id);

        await Assert.ThrowsAsync<DbUpdateException>(() => world.App.AsTenantAsync(world.TenantId, async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<Core.Data.AppDbContext>>().CreateDbContextAsync();
            db.Remove(await db.Set<Product>().SingleAsync(p => p.Id == espresso.Id));
            return await db.SaveChangesAsync();
        }));
    }

    private static T Succeeded<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    private static async Task<long> BuyAsync(LedgerWorld world, int categoryId, int? productId)
    {
        var input = world.Purchase(5_00);
        input.Lines = [new PurchaseLineInput(categoryId, productId, 1, 5_00)];
        var result = await world.RecordAsync(input);
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!.PurchaseId;
    }

    private static async Task<Category> CreateCategoryAsync(LedgerWorld world, string name)
    {
        var result = await CallAsync(world, s => s.CreateCategoryAsync(new CategoryInput { Name = name }));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    private static async Task<Product> CreateProductAsync(LedgerWorld world, int categoryId, string name)
    {
        var result = await CallAsync(world, s => s.CreateProductAsync(new ProductInput { CategoryId = categoryId, Name = name }));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    private static List<(string Field, string Message)> Flatten(Result result)
    {
        Assert.False(result.Succeeded, "The call succeeded.");
        return result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.Select(m => (e.Key, m))).ToList();
    }

    private static Task<T> CallAsync<T>(LedgerWorld world, Func<CatalogService, Task<T>> call) =>
        world.App.AsTenantAsync(world.TenantId, sp => call(sp.GetRequiredService<CatalogService>()));
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Catalog;

/// <summary>CatalogService as the manager's catalog pages call it, on each database.</summary>
public sealed class CatalogServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Categories_and_products_are_created_listed_and_updated(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var drinks = await CreateCategoryAsync(app, merchant.TenantId, "Drinks");
        var beans = await CreateCategoryAsync(app, merchant.TenantId, "Beans");

        var created = await CallAsync(app, merchant.TenantId, s => s.CreateProductAsync(
            new ProductInput { CategoryId = drinks.Id, Name = "  Cappuccino ", Sku = " DRK-CAP ", Price = "3,80" }));
        await CreateProductAsync(app, merchant.TenantId, beans.Id, "Colombia 250 g");

        Assert.True(created.Succeeded, Accounts.Describe(created.Errors));
        var stored = await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == created.Value!.Id));
        Assert.Equal((merchant.TenantId, drinks.Id, "Cappuccino", "DRK-CAP", 380L), (stored.TenantId, stored.CategoryId, stored.Name, stored.Sku, stored.PriceMinor));
        // A blank position puts each new category after the last one.
        Assert.Equal((1, 2), (drinks.SortOrder, beans.SortOrder));

        var (categories, all, onlyBeans) = await CallAsync(app, merchant.TenantId, async s =>
            (await s.ListCategoriesAsync(), await s.ListProductsAsync(), await s.ListProductsAsync(beans.Id)));
        Assert.Equal([("Drinks", 1), ("Beans", 1)], categories.Select(c => (c.Name, c.ProductCount)));
        Assert.Equal(["Cappuccino", "Colombia 250 g"], all.Select(p => p.Name));
        Assert.Equal(["Colombia 250 g"], onlyBeans.Select(p => p.Name));

        // Moving Beans first, then the product to Beans with no price and no code.
        var moved = await CallAsync(app, merchant.TenantId, async s =>
        {
            var reordered = await s.UpdateCategoryAsync(beans.Id, new CategoryInput { Name = "Beans", SortOrder = 0 });
            Assert.True(reordered.Succeeded, Accounts.Describe(reordered.Errors));
            return await s.UpdateProductAsync(stored.Id, new ProductInput { CategoryId = beans.Id, Name = "Cappuccino pods", Sku = "", Price = "" });
        });
        Assert.True(moved.Succeeded, Accounts.Describe(moved.Errors));
        var after = await CallAsync(app, merchant.TenantId, s => s.ListProductsAsync());
        Assert.Equal([("Beans", "Cappuccino pods", null, null), ("Beans", "Colombia 250 g", null, null)],
            after.Select(p => (p.CategoryName, p.Name, p.Sku, p.PriceMinor)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_input_is_reported_by_field_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var category = await CreateCategoryAsync(app, merchant.TenantId, "Drinks");
        var product = await CreateProductAsync(app, merchant.TenantId, category.Id, "Espresso", "2.20");

        var (badCreate, badUpdate, negative, badCategory) = await CallAsync(app, merchant.TenantId, async s => (
            await s.CreateProductAsync(new ProductInput { CategoryId = 0, Name = "", Price = "12.505" }),
            await s.UpdateProductAsync(product.Id, new ProductInput { CategoryId = category.Id, Name = "Espresso doppio", Price = "1.999" }),
            await s.CreateProductAsync(new ProductInput { CategoryId = category.Id, Name = "Refund", Price = "-5" }),
            await s.CreateCategoryAsync(new CategoryInput { Name = " ", SortOrder = -1 })));

        Assert.Equal(
            [(nameof(ProductInput.CategoryId), "Choose a category."), (nameof(ProductInput.Name), "Give the product a name."),
             (nameof(ProductInput.Price), Money.DecimalsMessage)],
            Flatten(badCreate));
        Assert.Equal([(nameof(ProductInput.Price), Money.DecimalsMessage)], Flatten(badUpdate));
        Assert.Equal([(nameof(ProductInput.Price), Money.NegativeMessage)], Flatten(negative));
        Assert.Equal(
            [(nameof(CategoryInput.Name), "Give the category a name."), (nameof(CategoryInput.SortOrder), "The position is a whole number from 0 to 9999.")],
            Flatten(badCategory));
        var rows = await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().AsNoTracking().Where(p => p.TenantId == merchant.TenantId).ToListAsync());
        Assert.Equal(("Espresso", 220L), (Assert.Single(rows).Name, rows[0].PriceMinor));
        Assert.Equal(1, await app.QueryAsync(db => db.Set<Category>().IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_and_codes_are_unique_per_tenant_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aDrinks = await CreateCategoryAsync(app, a.TenantId, "Drinks");
        var aFood = await CreateCategoryAsync(app, a.TenantId, "Food");
        var aProduct = await CreateProductAsync(app, a.TenantId, aDrinks.Id, "Espresso", sku: "ESP-1");
        var aOther = await CreateProductAsync(app, a.TenantId, aFood.Id, "Croissant");

        var (category, rename, sku, name, skuOnUpdate) = await CallAsync(app, a.TenantId, async s => (
            await s.CreateCategoryAsync(new CategoryInput { Name = " Drinks " }),
            await s.UpdateCategoryAsync(aFood.Id, new CategoryInput { Name = "Drinks" }),
            await s.CreateProductAsync(new ProductInput { CategoryId = aFood.Id, Name = "Ristretto", Sku = "ESP-1" }),
            await s.CreateProductAsync(new ProductInput { CategoryId = aDrinks.Id, Name = "Espresso" }),
            await s.UpdateProductAsync(aOther.Id, new ProductInput { CategoryId = aFood.Id, Name = "Croissant", Sku = " ESP-1 " })));

        Assert.Equal([(nameof(CategoryInput.Name), "Another category already has this name.")], Flatten(category));
        Assert.Equal([(nameof(CategoryInput.Name), "Another category already has this name.")], Flatten(rename));
        Assert.Equal([(nameof(ProductInput.Sku), "Another product already has this code.")], Flatten(sku));
        Assert.Equal([(nameof(ProductInput.Name), "This category already has a product with this name.")], Flatten(name));
        Assert.Equal([(nameof(ProductInput.Sku), "Another product already has this code.")], Flatten(skuOnUpdate));
        Assert.Equal(2, await app.QueryAsync(db => db.Set<Category>().IgnoreQueryFilters().CountAsync(c => c.TenantId == a.TenantId)));
        Assert.Equal(["Croissant", "Espresso"], await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters()
            .Where(p => p.TenantId == a.TenantId).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync()));

        // The same product name in another category, products without a code, and everything again at merchant B: all fine.
        await CreateProductAsync(app, a.TenantId, aFood.Id, "Espresso");
        await CreateProductAsync(app, a.TenantId, aFood.Id, "Muffin");
        var bDrinks = await CreateCategoryAsync(app, b.TenantId, "Drinks");
        await CreateProductAsync(app, b.TenantId, bDrinks.Id, aProduct.Name, sku: aProduct.Sku);
        Assert.Equal(2, await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().CountAsync(p => p.Sku == "ESP-1" && (p.TenantId == a.TenantId || p.TenantId == b.TenantId))));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_creates_of_one_name_give_one_row_and_field_errors_not_exceptions(string provider)
    {
        // Each create checks for a duplicate first; when several pass the check at once, the unique
        // index refuses all but one save, and the losers must still get the field message.
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            CallAsync(app, merchant.TenantId, s => s.CreateCategoryAsync(new CategoryInput { Name = "Drinks", SortOrder = 1 }))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded),
            r => Assert.Equal([(nameof(CategoryInput.Name), "Another category already has this name.")], Flatten(r)));
        Assert.Equal(1, await app.QueryAsync(db => db.Set<Category>().IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_category_with_products_is_not_deleted(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var category = await CreateCategoryAsync(app, merchant.TenantId, "Drinks");
        var espresso = await CreateProductAsync(app, merchant.TenantId, category.Id, "Espresso");
        var latte = await CreateProductAsync(app, merchant.TenantId, category.Id, "Latte");

        var refused = await CallAsync(app, merchant.TenantId, s => s.DeleteCategoryAsync(category.Id));

        Assert.Equal([("", "This category still has 2 products. Move them to another category or delete them first.")], Flatten(refused));
        Assert.Equal(2, await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().CountAsync(p => p.CategoryId == category.Id)));

        var (productDeleted, stillRefused) = await CallAsync(app, merchant.TenantId, async s =>
            (await s.DeleteProductAsync(espresso.Id), await s.DeleteCategoryAsync(category.Id)));
        Assert.True(productDeleted.Succeeded, Accounts.Describe(productDeleted.Errors));
        Assert.Equal([("", "This category still has 1 product. Move it to another category or delete it first.")], Flatten(stillRefused));

        var (lastDeleted, categoryDeleted, again) = await CallAsync(app, merchant.TenantId, async s =>
            (await s.DeleteProductAsync(latte.Id), await s.DeleteCategoryAsync(category.Id), await s.DeleteCategoryAsync(category.Id)));
        Assert.True(lastDeleted.Succeeded && categoryDeleted.Succeeded, Accounts.Describe(categoryDeleted.Errors));
        Assert.Equal([("", "The category was not found.")], Flatten(again));
        Assert.False(await app.QueryAsync(db => db.Set<Category>().IgnoreQueryFilters().AnyAsync(c => c.Id == category.Id)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Merchant_A_cannot_read_change_delete_or_borrow_merchant_B_catalog(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aCategory = await CreateCategoryAsync(app, a.TenantId, "A drinks");
        var aProduct = await CreateProductAsync(app, a.TenantId, aCategory.Id, "A espresso");
        var bCategory = await CreateCategoryAsync(app, b.TenantId, "B drinks");
        var bProduct = await CreateProductAsync(app, b.TenantId, bCategory.Id, "B espresso", "2.20", "B-ESP");

        var outcome = await CallAsync(app, a.TenantId, async s => new
        {
            FoundCategory = await s.FindCategoryAsync(bCategory.Id),
            FoundProduct = await s.FindProductAsync(bProduct.Id),
            UpdateCategory = await s.UpdateCategoryAsync(bCategory.Id, new CategoryInput { Name = "Hijacked" }),
            UpdateProduct = await s.UpdateProductAsync(bProduct.Id, new ProductInput { CategoryId = aCategory.Id, Name = "Hijacked", Price = "0" }),
            Borrow = await s.CreateProductAsync(new ProductInput { CategoryId = bCategory.Id, Name = "Planted" }),
            MoveInto = await s.UpdateProductAsync(aProduct.Id, new ProductInput { CategoryId = bCategory.Id, Name = aProduct.Name }),
            DeleteProduct = await s.DeleteProductAsync(bProduct.Id),
            DeleteCategory = await s.DeleteCategoryAsync(bCategory.Id),
            Categories = await s.ListCategoriesAsync(),
            Products = await s.ListProductsAsync(),
            BProducts = await s.ListProductsAsync(bCategory.Id),
        });

        Assert.Null(outcome.FoundCategory);
        Assert.Null(outcome.FoundProduct);
        Assert.Equal([("", "The category was not found.")], Flatten(outcome.UpdateCategory));
        Assert.Equal([("", "The product was not found.")], Flatten(outcome.UpdateProduct));
        Assert.Equal([(nameof(ProductInput.CategoryId), "Choose a category.")], Flatten(outcome.Borrow));
        Assert.Equal([(nameof(ProductInput.CategoryId), "Choose a category.")], Flatten(outcome.MoveInto));
        Assert.Equal([("", "The product was not found.")], Flatten(outcome.DeleteProduct));
        Assert.Equal([("", "The category was not found.")], Flatten(outcome.DeleteCategory));
        Assert.Equal([aCategory.Id], outcome.Categories.Select(c => c.Id));
        Assert.Equal([aProduct.Id], outcome.Products.Select(p => p.Id));
        Assert.Empty(outcome.BProducts);

        // B's rows are exactly as B left them, and A's product did not move.
        var bRows = await app.QueryAsync(async db => (
            await db.Set<Category>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == bCategory.Id),
            await db.Set<Product>().IgnoreQueryFilters().AsNoTracking().Where(p => p.CategoryId == bCategory.Id).ToListAsync()));
        Assert.Equal(("B drinks", b.TenantId), (bRows.Item1.Name, bRows.Item1.TenantId));
        var only = Assert.Single(bRows.Item2);
        Assert.Equal((bProduct.Id, "B espresso", "B-ESP", 220L, b.TenantId), (only.Id, only.Name, only.Sku, only.PriceMinor, only.TenantId));
        Assert.Equal(aCategory.Id, await app.QueryAsync(db => db.Set<Product>().IgnoreQueryFilters().Where(p => p.Id == aProduct.Id).Select(p => p.CategoryId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_currency_is_the_tenant_s(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        Assert.Equal("EUR", await CallAsync(app, merchant.TenantId, s => s.CurrencyAsync()));
    }

    private static async Task<Category> CreateCategoryAsync(TestApp app, Guid tenantId, string name)
    {
        var result = await CallAsync(app, tenantId, s => s.CreateCategoryAsync(new CategoryInput { Name = name }));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    private static async Task<Product> CreateProductAsync(TestApp app, Guid tenantId, int categoryId, string name, string? price = null, string? sku = null)
    {
        var result = await CallAsync(app, tenantId, s => s.CreateProductAsync(new ProductInput { CategoryId = categoryId, Name = name, Price = price, Sku = sku }));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    /// <summary>Each (field, message) of a failed result, in field order.</summary>
    private static List<(string Field, string Message)> Flatten(Result result)
    {
        Assert.False(result.Succeeded, "The call succeeded.");
        return result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.Select(m => (e.Key, m))).ToList();
    }

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<CatalogService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<CatalogService>()));
}

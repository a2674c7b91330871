using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Catalog;

namespace LoyaltyHub.UnitTests.Features.Catalog;

public sealed class CatalogInputValidationTests
{
    public static TheoryData<string, object?, string> InvalidProductFields => new()
    {
        { nameof(ProductInput.CategoryId), 0, "Choose a category." },
        { nameof(ProductInput.Name), "", "Give the product a name." },
        { nameof(ProductInput.Name), "   ", "Give the product a name." },
        { nameof(ProductInput.Name), new string('n', 121), "The name is at most 120 characters." },
        { nameof(ProductInput.Sku), new string('s', 65), "The code is at most 64 characters." },
        { nameof(ProductInput.Price), "-2", Money.NegativeMessage },
        { nameof(ProductInput.Price), "12.505", Money.DecimalsMessage },
        { nameof(ProductInput.Price), "twelve", Money.FormatMessage },
    };

    public static TheoryData<string, object?, string> InvalidCategoryFields => new()
    {
        { nameof(CategoryInput.Name), "", "Give the category a name." },
        { nameof(CategoryInput.Name), new string('n', 81), "The name is at most 80 characters." },
        { nameof(CategoryInput.SortOrder), -1, "The position is a whole number from 0 to 9999." },
        { nameof(CategoryInput.SortOrder), 10_000, "The position is a whole number from 0 to 9999." },
    };

    private static ProductInput ValidProduct() => new() { CategoryId = 1, Name = "Cappuccino", Sku = "DRK-CAP", Price = "3.80" };

    [Fact]
    public void A_valid_product_passes() => Assert.Null(Result.Validate(ValidProduct()));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void The_price_and_code_are_optional(string? empty) =>
        Assert.Null(Result.Validate(new ProductInput { CategoryId = 1, Name = "Gift wrapping", Sku = empty, Price = empty }));

    [Theory]
    [MemberData(nameof(InvalidProductFields))]
    public void Each_product_rule_reports_its_message_on_its_field(string field, object? value, string message) =>
        AssertSingleError(ValidProduct(), field, value, message);

    [Fact]
    public void A_valid_category_passes_with_or_without_a_position()
    {
        Assert.Null(Result.Validate(new CategoryInput { Name = "Drinks" }));
        Assert.Null(Result.Validate(new CategoryInput { Name = "Drinks", SortOrder = 9999 }));
    }

    [Theory]
    [MemberData(nameof(InvalidCategoryFields))]
    public void Each_category_rule_reports_its_message_on_its_field(string field, object? value, string message) =>
        AssertSingleError(new CategoryInput { Name = "Drinks", SortOrder = 1 }, field, value, message);

    [Fact]
    public void The_price_round_trips_through_the_form()
    {
        var product = new Product { Name = "Hand grinder", PriceMinor = 5900, CategoryId = 3 };

        var input = ProductInput.From(product);

        Assert.Equal("59.00", input.Price);
        Assert.Null(ProductInput.From(new Product { Name = "Gift wrapping" }).Price);
    }

    private static void AssertSingleError(object input, string field, object? value, string message)
    {
        input.GetType().GetProperty(field)!.SetValue(input, value);

        var result = Result.Validate(input);

        Assert.NotNull(result);
        var (key, messages) = Assert.Single(result.Errors);
        Assert.Equal(field, key);
        Assert.Equal([message], messages);
    }
}

using System.Text.RegularExpressions;
using LoyaltyHub.BrowserTests.Infrastructure;

namespace LoyaltyHub.BrowserTests.Pages;

/// <summary>A reward program as the manager's form takes it; <see cref="Reward"/> is the option's text ("Discount (%)", "Gift", "Cashback (%)").</summary>
public sealed record RewardProgramForm(string Title, string Reward, int CostInPoints, int? Percent = null, string? Gift = null);

/// <summary>The manager's back office (/manage): reward programs, catalog, gift cards, transactions.</summary>
public sealed partial class ManagePages(IPage page)
{
    public IPage Page => page;

    /// <summary>/manage/rewards/new → Create program → back on the list, which shows it.</summary>
    public async Task CreateRewardProgramAsync(RewardProgramForm program)
    {
        await OpenFormAsync("manage/rewards/new", "New reward program");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(program.Title);
        await page.GetByLabel("Reward", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = program.Reward });
        if (program.Gift is not null)
        {
            await page.GetByLabel("Gift", new() { Exact = true }).FillAsync(program.Gift);
        }

        if (program.Percent is { } percent)
        {
            await page.GetByLabel("Percent", new() { Exact = true }).FillAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByLabel("Obtained", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "For points" });
        await page.GetByLabel("Cost in points", new() { Exact = true })
            .FillAsync(program.CostInPoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("save-reward").ClickAsync();

        await Expect(page).ToHaveURLAsync(EndsWith("/manage/rewards"));
        var row = page.GetByTestId("reward-grid").Locator("tbody tr").Filter(new() { HasText = program.Title });
        await Expect(row).ToContainTextAsync($"{program.CostInPoints} points");
        await Expect(row).ToContainTextAsync("active");
    }

    /// <summary>A category, then a product in it with a price; the catalog lists the product with its price.</summary>
    public async Task CreateProductAsync(string category, string product, string price)
    {
        await OpenFormAsync("manage/catalog/categories/new", "New category");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(category);
        await page.GetByTestId("save-category").ClickAsync();
        await Expect(page.GetByTestId("category-grid")).ToContainTextAsync(category);

        await OpenFormAsync("manage/catalog/products/new", "New product");
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = category });
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(product);
        await page.GetByLabel(PriceLabel()).FillAsync(price);
        await page.GetByTestId("save-product").ClickAsync();

        var row = page.GetByTestId("product-grid").Locator("tbody tr").Filter(new() { HasText = product });
        await Expect(row).ToContainTextAsync(price);
    }

    /// <summary>/manage/giftcards/new → a virtual card mailed to the recipient; returns its generated number.</summary>
    public async Task<string> SellVirtualGiftCardAsync(string amount, string recipientEmail)
    {
        await OpenFormAsync("manage/giftcards/new", "New gift card");
        await GiftCardForms.SellAsync(page, amount, recipientEmail: recipientEmail);
        await Expect(page).ToHaveURLAsync(GiftCardPage());
        return await GiftCardForms.NumberAsync(page);
    }

    /// <summary>/manage/transactions, filtered by type when given ("Gift card sale", "Purchase", …): the grid's rows.</summary>
    public async Task<ILocator> TransactionsAsync(string? type = null)
    {
        await OpenFormAsync("manage/transactions", "Transactions");
        var grid = page.GetByTestId("transaction-grid");
        await Expect(grid.Locator("tbody tr").First).ToBeVisibleAsync();
        if (type is not null)
        {
            await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = type });
            await page.GetByTestId("transaction-apply").ClickAsync();
        }

        return grid.Locator("tbody tr");
    }

    /// <summary>/manage/customers → search by last name (unique) → the customer's page; returns its purchases grid rows.</summary>
    public async Task<ILocator> OpenCustomerAsync(string lastName)
    {
        await OpenFormAsync("manage/customers", "Customers");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(lastName);
        await page.GetByTestId("apply-filters").ClickAsync();
        await page.GetByTestId("customer-grid").GetByRole(AriaRole.Link).Filter(new() { HasText = lastName }).ClickAsync();
        await Expect(page.GetByTestId("customer-loyalty")).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
        return page.GetByTestId("customer-purchases").Locator("tbody tr");
    }

    /// <summary>The void dialog of one purchase row, opened from its Void button.</summary>
    public async Task<ILocator> OpenVoidAsync(ILocator purchaseRow)
    {
        ArgumentNullException.ThrowIfNull(purchaseRow);
        await purchaseRow.GetByTestId("purchase-void").ClickAsync();
        var dialog = page.GetByTestId("purchase-void-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Opens a page and waits until it is interactive, so that what is typed reaches the form.</summary>
    private async Task OpenFormAsync(string path, string heading)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Flows.WaitForInteractiveAsync(page);
    }

    private static Regex EndsWith(string path) => new($"{Regex.Escape(path)}$");

    [GeneratedRegex("^Price in ")]
    private static partial Regex PriceLabel();

    [GeneratedRegex(@"/manage/giftcards/\d+$")]
    private static partial Regex GiftCardPage();
}

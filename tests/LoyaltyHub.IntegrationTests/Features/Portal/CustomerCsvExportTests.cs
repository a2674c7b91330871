using System.Net;
using LoyaltyHub.IntegrationTests.Infrastructure;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Portal;

/// <summary>GET /manage/customers.csv: this tenant's customers only, formulas neutralised.</summary>
public sealed class CustomerCsvExportTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_export_has_only_this_tenants_customers_with_formulas_neutralised(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var aShop = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        var evil = NewCustomer(lastName: "=HYPERLINK(\"http://evil.example\")");
        var mine = await RegisterAsync(app, a.TenantId, aShop, evil);
        var theirs = await RegisterAsync(app, b.TenantId, bShop, NewCustomer());
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);
        using var anonymous = app.CreateBrowser();

        using var response = await manager.GetAsync("/manage/customers.csv");
        var csv = await response.Content.ReadAsStringAsync();
        using var refused = await anonymous.GetAsync("/manage/customers.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("card number,first name", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(mine.CardNumber + ",", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("'+33", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.CardNumber, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Email!, csv, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}

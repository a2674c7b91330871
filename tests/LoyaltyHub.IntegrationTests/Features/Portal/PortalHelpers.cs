using System.Text.RegularExpressions;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Portal;

/// <summary>A customer registered at the counter whose login is activated, signed in over HTTP.</summary>
public sealed record PortalCustomer(Merchant Merchant, Customer Customer, HttpClient Browser);

public static partial class PortalHelpers
{
    /// <summary>Registers a customer with SMS and email consent, activates the login and signs in at /Account/Login?tenant=.</summary>
    public static async Task<PortalCustomer> SignedInCustomerAsync(TestApp app, Merchant? merchant = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        merchant ??= await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        input.SmsConsent = true;
        input.EmailConsent = true;
        var customer = await RegisterAsync(app, merchant.TenantId, shop, input);
        await app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var login = await users.Users.SingleAsync(u => u.CustomerId == customer.Id);
            login.EmailConfirmed = true;
            Assert.True((await users.UpdateAsync(login)).Succeeded);
            Assert.True((await users.AddPasswordAsync(login, Accounts.Password)).Succeeded);
            return true;
        });
        var browser = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(browser, customer.Email!, tenantSlug: merchant.Slug);
        return new PortalCustomer(merchant, customer, browser);
    }

    /// <summary>The antiforgery token of a rendered page (any form's; the token is per user, not per form).</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "No antiforgery token in the page.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

using System.Text.RegularExpressions;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>A merchant made by <see cref="MerchantSignUp"/>: its tenant and first manager.</summary>
public sealed record Merchant(Guid TenantId, string Slug, string Company, string ManagerId, string ManagerEmail);

/// <summary>Creates merchants, logins and shops through the app's own services, and signs in over HTTP.</summary>
public static partial class Accounts
{
    /// <summary>Meets the password policy (8+, upper, lower, digit, special).</summary>
    public const string Password = "Test#2026pass";

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.example";

    public static string UniqueName(string what) => $"{what} {Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Signs a merchant up with <see cref="MerchantSignUp"/>; confirms the manager's email unless told not to.</summary>
    public static async Task<Merchant> SignUpMerchantAsync(TestApp app, bool confirmed = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        var input = new SignUpInput
        {
            Company = UniqueName("Merchant"),
            Name = "Manager Person",
            Email = UniqueEmail("manager"),
            Password = Password,
            ConfirmPassword = Password,
            Country = "FR",
            Language = "en",
        };
        var result = await app.InScopeAsync(sp => sp.GetRequiredService<MerchantSignUp>().SignUpAsync(input));
        Assert.True(result.Succeeded, Describe(result.Errors));
        var manager = result.Value!;
        if (confirmed)
        {
            await ConfirmEmailAsync(app, manager.Id);
        }

        var slug = await app.QueryAsync(db => db.Tenants.Where(t => t.Id == manager.TenantId).Select(t => t.Slug).SingleAsync());
        return new Merchant(manager.TenantId!.Value, slug, input.Company, manager.Id, input.Email);
    }

    public static Task ConfirmEmailAsync(TestApp app, string userId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
            user.EmailConfirmed = true;
            AssertSucceeded(await users.UpdateAsync(user));
            return true;
        });
    }

    /// <summary>A confirmed customer login of <paramref name="tenantId"/>, named as the app names customers.</summary>
    public static Task<AppUser> CreateCustomerAsync(TestApp app, Guid tenantId, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.AsTenantAsync(tenantId, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var customer = new AppUser
            {
                UserName = LoginNames.ForCustomer(tenantId, email),
                Email = email,
                TenantId = tenantId,
                DisplayName = "Customer Person",
                EmailConfirmed = true,
                LockoutEnabled = true,
            };
            AssertSucceeded(await users.CreateAsync(customer, password));
            AssertSucceeded(await users.AddToRoleAsync(customer, Roles.Customer));
            return customer;
        });
    }

    /// <summary>Creates a shop (and its staff login) as the tenant's manager would, through <see cref="ShopService"/>.</summary>
    public static async Task<Shop> CreateShopAsync(TestApp app, Guid tenantId, string? name = null, string? email = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var input = new ShopInput { Name = name ?? UniqueName("Shop"), Email = email ?? UniqueEmail("shop"), Address = "1 Main Street" };
        var result = await app.AsTenantAsync(tenantId, sp => sp.GetRequiredService<ShopService>().CreateAsync(input));
        Assert.True(result.Succeeded, Describe(result.Errors));
        return result.Value!;
    }

    /// <summary>Signs in through the real login form; returns the POST's response (a redirect on success).</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? tenantSlug = null)
    {
        var url = tenantSlug is null ? "/Account/Login" : $"/Account/Login?tenant={Uri.EscapeDataString(tenantSlug)}";
        return HtmlForms.SubmitAsync(client, url, "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Signs in and asserts it worked: a redirect to the portal and the auth cookie.</summary>
    public static async Task SignInOrFailAsync(HttpClient client, string email, string password = Password, string? tenantSlug = null)
    {
        using var response = await SignInAsync(client, email, password, tenantSlug);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-in of {email} answered {(int)response.StatusCode}, not a redirect:\n{body}");
        Assert.EndsWith("portal", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lh.auth=", StringComparison.Ordinal));
    }

    /// <summary>The newest development-outbox mail to <paramref name="to"/>.</summary>
    public static Task<DevMail?> LastMailToAsync(TestApp app, string to)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.DevMails.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstOrDefaultAsync());
    }

    /// <summary>The app-relative path and query of the link to <paramref name="path"/> in a mail's text.</summary>
    public static string LinkIn(DevMail mail, string path)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var link = UrlPattern().Matches(mail.TextBody).Select(m => new Uri(m.Value))
            .FirstOrDefault(u => u.AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase));
        Assert.True(link is not null, $"No link to {path} in the mail '{mail.Subject}':\n{mail.TextBody}");
        return link.PathAndQuery;
    }

    public static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();
}

using System.Net;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.IntegrationTests.Features.Identity;

/// <summary>Signing in through the login form: lockout, email confirmation, customers per merchant.</summary>
public sealed class SignInTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_wrong_passwords_lock_the_login_for_15_minutes(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = app.CreateBrowser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await Accounts.SignInAsync(client, merchant.ManagerEmail, "Wrong#2026pass");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Wrong email or password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fifth = await Accounts.SignInAsync(client, merchant.ManagerEmail, "Wrong#2026pass");
        var lockedAt = DateTimeOffset.UtcNow;
        using var right = await Accounts.SignInAsync(client, merchant.ManagerEmail, Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Account/Lockout", fifth.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Account/Lockout", right.Headers.Location!.PathAndQuery());
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("lh.auth=", StringComparison.Ordinal)));
        var lockoutEnd = await app.QueryAsync(db => db.Users.Where(u => u.Id == merchant.ManagerId).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value, lockedAt.AddMinutes(14), lockedAt.AddMinutes(16));
        using var portal = await client.GetAsync("/manage");
        Assert.Equal(HttpStatusCode.Redirect, portal.StatusCode);
        Assert.StartsWith("/Account/Login", portal.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unconfirmed_manager_cannot_sign_in_until_the_mailed_link_is_followed(string provider)
    {
        var app = await apps.GetAsync(provider);
        var email = Accounts.UniqueEmail("fresh");
        using var client = app.CreateBrowser();
        using (var signUp = await SignUpTests.SignUpAsync(client, Accounts.UniqueName("Fresh"), email, Accounts.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        }

        using var early = await Accounts.SignInAsync(client, email, Accounts.Password);
        var earlyHtml = await early.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Confirm your email address first", earlyHtml, StringComparison.Ordinal);
        Assert.False(early.Headers.TryGetValues("Set-Cookie", out var earlyCookies) && earlyCookies.Any(c => c.StartsWith("lh.auth=", StringComparison.Ordinal)));

        var mail = await Accounts.LastMailToAsync(app, email);
        Assert.NotNull(mail);
        Assert.Equal("Confirm your LoyaltyHub account", mail.Subject);
        var link = Accounts.LinkIn(mail, "/Account/ConfirmEmail");

        // An altered code is refused and signs nobody in.
        using (var tampered = await app.CreateBrowser().GetAsync(link.Replace("code=", "code=x", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
            Assert.Contains("invalid or has expired", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var confirmed = await client.GetAsync(link);
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, $"The confirmation link answered {(int)confirmed.StatusCode}:\n{await confirmed.Content.ReadAsStringAsync()}");
        Assert.Equal("/portal", confirmed.Headers.Location!.PathAndQuery());
        Assert.Contains(confirmed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lh.auth=", StringComparison.Ordinal));
        using var portal = await client.GetAsync("/portal");
        Assert.Equal("/manage", portal.Headers.Location!.PathAndQuery());
        using var manage = await client.GetAsync("/manage");
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Contains("Welcome", await manage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));

        // And from now on the password works too.
        using var later = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(later, email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_email_can_be_a_customer_of_two_merchants_as_two_accounts(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("shopper");
        const string PasswordAtB = "Other#2026pass";
        var atA = await Accounts.CreateCustomerAsync(app, a.TenantId, email);
        var atB = await Accounts.CreateCustomerAsync(app, b.TenantId, email, PasswordAtB);

        var rows = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => new { u.Id, u.TenantId, u.UserName }).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { a.TenantId, b.TenantId }.Order(), rows.Select(r => r.TenantId!.Value).Order());
        Assert.Equal(LoginNames.ForCustomer(a.TenantId, email), rows.Single(r => r.Id == atA.Id).UserName);

        foreach (var (merchant, password) in new[] { (a, Accounts.Password), (b, PasswordAtB) })
        {
            using var client = app.CreateBrowser();
            await Accounts.SignInOrFailAsync(client, email, password, merchant.Slug);
            using var portal = await client.GetAsync("/portal");
            Assert.Equal($"/me/{merchant.Slug}", portal.Headers.Location!.PathAndQuery());
            using var page = await client.GetAsync($"/me/{merchant.Slug}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(merchant.Company, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The two accounts are separate: B's password does not open A's account, nor does the
        // address sign in without a merchant (it is not a back-office login).
        using var crossed = await Accounts.SignInAsync(app.CreateBrowser(), email, PasswordAtB, a.Slug);
        Assert.Equal(HttpStatusCode.OK, crossed.StatusCode);
        Assert.Contains("Wrong email or password.", await crossed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noMerchant = await Accounts.SignInAsync(app.CreateBrowser(), email, Accounts.Password);
        Assert.Equal(HttpStatusCode.OK, noMerchant.StatusCode);
        Assert.NotEqual(atA.Id, atB.Id);
    }
}

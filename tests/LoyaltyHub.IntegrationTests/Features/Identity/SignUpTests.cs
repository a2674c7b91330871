using System.Net;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.IntegrationTests.Features.Identity;

/// <summary>The merchant sign-up form (/Account/SignUp): password policy and unique back-office emails.</summary>
public sealed class SignUpTests(TestApps apps) : IClassFixture<TestApps>
{
    public static TheoryData<string, string, string> WeakPasswords()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { Providers.Sqlite, Providers.Postgres })
        {
            data.Add(provider, "short", "Passwords must be at least 8 characters.");
            data.Add(provider, "alllowercase1!", "Passwords must have at least one uppercase ('A'-'Z').");
            data.Add(provider, "NoDigits!!", "Passwords must have at least one digit ('0'-'9').");
            data.Add(provider, "NoSpecial123", "Passwords must have at least one non alphanumeric character.");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task Weak_password_is_refused_on_the_password_field_and_creates_no_tenant(string provider, string password, string expected)
    {
        var app = await apps.GetAsync(provider);
        var company = Accounts.UniqueName("Weak");
        var email = Accounts.UniqueEmail("weak");
        using var client = app.CreateBrowser();

        using var response = await SignUpAsync(client, company, email, password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-up answered {(int)response.StatusCode}:\n{html}");
        Assert.Contains(expected, HtmlForms.ValidationMessages(HtmlForms.FieldBlock(html, "Input.Password")));
        Assert.Empty(HtmlForms.ValidationMessages(HtmlForms.FieldBlock(html, "Input.Email")));
        Assert.False(await app.QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == company)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Strong_password_signs_the_merchant_up(string provider)
    {
        // The counterpart of the weak-password cases: the same form with a good password works.
        var app = await apps.GetAsync(provider);
        var company = Accounts.UniqueName("Strong");
        using var client = app.CreateBrowser();

        using var response = await SignUpAsync(client, company, Accounts.UniqueEmail("strong"), Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/RegisterConfirmation", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == company)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Email_of_an_existing_back_office_login_is_refused_with_an_email_error(string provider)
    {
        var app = await apps.GetAsync(provider);
        var existing = await Accounts.SignUpMerchantAsync(app);
        var company = Accounts.UniqueName("Copycat");
        using var client = app.CreateBrowser();

        // Same address in another case: logins are compared case-insensitively.
        using var response = await SignUpAsync(client, company, existing.ManagerEmail.ToUpperInvariant(), Accounts.Password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-up answered {(int)response.StatusCode}:\n{html}");
        Assert.Contains("This email address already has a login. Use another address.",
            HtmlForms.ValidationMessages(HtmlForms.FieldBlock(html, "Input.Email")));
        Assert.False(await app.QueryAsync(db => db.Tenants.AnyAsync(t => t.Name == company)));
        var normalized = existing.ManagerEmail.ToUpperInvariant();
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized)));
    }

    internal static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string company, string email, string password) =>
        HtmlForms.SubmitAsync(client, "/Account/SignUp", "signup", new Dictionary<string, string>
        {
            ["Input.Company"] = company,
            ["Input.Name"] = "Manager Person",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.Phone"] = "",
            ["Input.Country"] = "FR",
            ["Input.Language"] = "en",
        });
}

using System.Net;
using System.Text.Json;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;
using static LoyaltyHub.IntegrationTests.Features.Portal.PortalHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Portal;

/// <summary>The customer portal over HTTP: only the signed-in customer's own card and data (issue 3, seed 002).</summary>
public sealed class PortalTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_card_page_shows_the_own_card_and_another_merchants_slug_is_not_found(string provider)
    {
        var app = await apps.GetAsync(provider);
        var me = await SignedInCustomerAsync(app);
        var other = await SignedInCustomerAsync(app);

        using var page = await me.Browser.GetAsync($"/me/{me.Merchant.Slug}");
        var html = await page.Content.ReadAsStringAsync();
        using var foreign = await me.Browser.GetAsync($"/me/{other.Merchant.Slug}");
        using var foreignExport = await me.Browser.GetAsync($"/me/{other.Merchant.Slug}/export.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(me.Customer.CardNumber[..4] + " " + me.Customer.CardNumber[4..8], html, StringComparison.Ordinal);
        Assert.Contains("QR code of card number " + me.Customer.CardNumber, html, StringComparison.Ordinal);
        Assert.Contains("Points and rewards", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Customer.CardNumber, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignExport.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_preference_change_from_the_portal_writes_a_consent_log_row(string provider)
    {
        var app = await apps.GetAsync(provider);
        var me = await SignedInCustomerAsync(app);
        var actor = new CustomerActor("customer-login", "Alice", null);

        var result = await CallAsync(app, me.Merchant.TenantId, s => s.ChangeConsentAsync(me.Customer.Id, ConsentChannel.Sms, false, ConsentSources.Portal, actor));

        Assert.True(result.Succeeded);
        var log = await CallAsync(app, me.Merchant.TenantId, s => s.ConsentLogAsync(me.Customer.Id));
        Assert.Equal((ConsentChannel.Sms, false, ConsentSources.Portal), (log[0].Channel, log[0].Granted, log[0].Source));
        var stored = await CallAsync(app, me.Merchant.TenantId, s => s.FindAsync(me.Customer.Id));
        Assert.False(stored!.Customer.SmsConsent.Granted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_data_export_has_the_customers_data_and_nothing_of_another_customer(string provider)
    {
        var app = await apps.GetAsync(provider);
        var me = await SignedInCustomerAsync(app);
        var neighbour = await SignedInCustomerAsync(app, me.Merchant);

        using var response = await me.Browser.GetAsync($"/me/{me.Merchant.Slug}/export.json");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var document = JsonDocument.Parse(json);
        var profile = document.RootElement.GetProperty("profile");
        Assert.Equal(me.Customer.CardNumber, profile.GetProperty("cardNumber").GetString());
        Assert.Equal(me.Customer.Email, profile.GetProperty("email").GetString());
        Assert.True(document.RootElement.GetProperty("consents").GetProperty("sms").GetProperty("granted").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("consentLog").GetArrayLength());
        Assert.DoesNotContain(neighbour.Customer.CardNumber, json, StringComparison.Ordinal);
        Assert.DoesNotContain(neighbour.Customer.Email!, json, StringComparison.Ordinal);
        Assert.DoesNotContain(neighbour.Customer.LastName, json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_the_account_erases_personal_data_keeps_the_row_and_log_deletes_the_login_and_hides_the_card(string provider)
    {
        var app = await apps.GetAsync(provider);
        var me = await SignedInCustomerAsync(app);
        var id = me.Customer.Id;
        using var profile = await me.Browser.GetAsync($"/me/{me.Merchant.Slug}/profile");
        var token = AntiforgeryToken(await profile.Content.ReadAsStringAsync());

        using var wrongWord = await PostCloseAsync(me, token, "close please");
        var stillOpen = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id));
        using var closed = await PostCloseAsync(me, token, "CLOSE");
        using var afterwards = await me.Browser.GetAsync($"/me/{me.Merchant.Slug}");

        Assert.Equal(CustomerStatus.Active, stillOpen.Status);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.EndsWith("/goodbye", closed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, afterwards.StatusCode); // signed out: sent to the sign-in page
        var stored = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().Include(c => c.Tags).SingleAsync(c => c.Id == id));
        Assert.Equal((CustomerStatus.Closed, CustomerService.ClosedName, "", null, null, null, null, null, ""),
            (stored.Status, stored.FirstName, stored.LastName, stored.MiddleName, stored.Email, stored.Phone, stored.BirthDate, stored.PostalCode, stored.SearchName));
        Assert.Empty(stored.Tags);
        Assert.Equal(me.Customer.CardNumber, stored.CardNumber);
        Assert.False(stored.SmsConsent.Granted || stored.EmailConsent.Granted);
        var log = await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().AsNoTracking().Where(e => e.CustomerId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(4, log.Count); // the two grants at the counter are kept, then the two withdrawals
        Assert.All(log.Skip(2), e => Assert.Equal((false, ConsentSources.AccountClosed), (e.Granted, e.Source)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.CustomerId == id)));
        Assert.Empty(await CallAsync(app, me.Merchant.TenantId, s => s.LookupAsync(me.Customer.CardNumber)));
        using var signIn = await Accounts.SignInAsync(app.CreateBrowser(), me.Customer.Email!, Accounts.Password, me.Merchant.Slug);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_legal_notice_is_shown_as_plain_text_never_as_html(string provider)
    {
        var app = await apps.GetAsync(provider);
        var me = await SignedInCustomerAsync(app);
        var saved = await app.AsTenantAsync(me.Merchant.TenantId, sp =>
            sp.GetRequiredService<LegalTexts>().SaveAsync("Terms of use\r\n<script>alert('x')</script><b>bold</b>"));

        using var page = await me.Browser.GetAsync($"/me/{me.Merchant.Slug}/profile");
        var html = await page.Content.ReadAsStringAsync();

        Assert.True(saved.Succeeded);
        var start = html.IndexOf("data-testid=\"me-legal\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "No legal section in the page.");
        var legal = html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
        // Razor encodes the text; the line break is kept as a character that white-space: pre-line shows.
        Assert.Matches(@"Terms of use(\n|&#xA;)&lt;script&gt;", legal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        var tooLong = await app.AsTenantAsync(me.Merchant.TenantId, sp => sp.GetRequiredService<LegalTexts>().SaveAsync(new string('x', LegalTexts.MaxLength + 1)));
        Assert.False(tooLong.Succeeded);
    }

    private static Task<HttpResponseMessage> PostCloseAsync(PortalCustomer me, string token, string word) =>
        me.Browser.PostAsync($"/me/{me.Merchant.Slug}/close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["confirm"] = word,
        }));
}

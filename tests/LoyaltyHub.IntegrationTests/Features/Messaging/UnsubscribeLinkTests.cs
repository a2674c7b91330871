using System.Net;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.ConsentHelpers;
using static LoyaltyHub.IntegrationTests.Features.Portal.PortalHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The signed unsubscribe link over HTTP (SPEC §10, RFC 8058): no login, nothing changes on a GET or a bad token.</summary>
public sealed class UnsubscribeLinkTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_GET_shows_the_page_and_changes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var link = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email);
        var logBefore = (await LogAsync(app, merchant.TenantId, customer.Id)).Count;
        using var client = app.CreateClient();

        using var first = await client.GetAsync(link.PathAndQuery);
        using var second = await client.GetAsync(link.PathAndQuery);
        var html = await first.Content.ReadAsStringAsync();

        Assert.StartsWith(TestApp.PublicBaseUrl + "u/", link.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode("Offers from " + merchant.Company), html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unsubscribe-button\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"pref-sms\"", html, StringComparison.Ordinal);
        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.True(stored.EmailConsent.Granted);
        Assert.True(stored.SmsConsent.Granted);
        Assert.Equal(logBefore, (await LogAsync(app, merchant.TenantId, customer.Id)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_one_click_POST_unsubscribes_without_login_and_logs_it(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var link = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(link.PathAndQuery, OneClickBody());
        using var again = await client.PostAsync(link.PathAndQuery, OneClickBody());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.False(stored.EmailConsent.Granted);
        Assert.Equal(ConsentSources.OneClick, stored.EmailConsent.Source);
        Assert.True(stored.SmsConsent.Granted);
        var log = await LogAsync(app, merchant.TenantId, customer.Id);
        var row = Assert.Single(log, e => e.Source == ConsentSources.OneClick);
        Assert.Equal((ConsentChannel.Email, false, null, "system"), (row.Channel, row.Granted, row.ByUserId, row.ByName));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_one_click_POST_without_the_RFC_8058_body_changes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var link = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await StoredAsync(app, merchant.TenantId, customer.Id)).EmailConsent.Granted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Forged_altered_truncated_and_other_tenant_tokens_answer_400_and_change_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var (other, _) = await SubscribedCustomerAsync(app);
        var token = (await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email)).AbsolutePath["/u/".Length..];
        var bytes = WebEncoders.Base64UrlDecode(token);
        var alteredCustomer = (byte[])bytes.Clone();
        alteredCustomer[^(UnsubscribeTokens.TagBytes + 1)] ^= 0x01;
        var alteredTag = (byte[])bytes.Clone();
        alteredTag[^1] ^= 0x80;
        var ring = app.Services.GetRequiredService<UnsubscribeKeyRing>();
        // Signed for real, but for the other merchant: the customer is not theirs.
        var otherTenant = ring.Sign(UnsubscribeClaim.ForCustomer(other.TenantId, customer.Id, MessageChannel.Email, DateTimeOffset.UtcNow));
        var bad = new[]
        {
            WebEncoders.Base64UrlEncode(alteredCustomer), WebEncoders.Base64UrlEncode(alteredTag), token[..^3], token[..20],
            WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes.Length)), otherTenant, "x",
        };
        using var client = app.CreateBrowser();

        foreach (var forged in bad)
        {
            using var page = await client.GetAsync($"/u/{forged}");
            using var oneClick = await client.PostAsync($"/u/{forged}", OneClickBody());
            Assert.True(page.StatusCode == HttpStatusCode.BadRequest, $"GET {forged}: {(int)page.StatusCode}");
            Assert.Contains("This link is not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(oneClick.StatusCode == HttpStatusCode.BadRequest, $"POST {forged}: {(int)oneClick.StatusCode}");
        }

        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.True(stored.EmailConsent.Granted);
        Assert.DoesNotContain(await LogAsync(app, merchant.TenantId, customer.Id), e => !e.Granted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rotated_key_keeps_old_links_working_until_it_is_removed(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var ring = app.Services.GetRequiredService<UnsubscribeKeyRing>();
        var oldLink = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email);
        Assert.True(UnsubscribeTokens.TryReadKeyId(oldLink.AbsolutePath["/u/".Length..], out var oldKey));
        using var client = app.CreateClient();

        var newKey = ring.Rotate();
        var newLink = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Sms);
        using var oldStillValid = await client.GetAsync(oldLink.PathAndQuery);
        Assert.True(ring.Remove(oldKey));
        using var oldRemoved = await client.GetAsync(oldLink.PathAndQuery);
        using var oldRemovedPost = await client.PostAsync(oldLink.PathAndQuery, OneClickBody());
        using var newPost = await client.PostAsync(newLink.PathAndQuery, OneClickBody());

        Assert.True(UnsubscribeTokens.TryReadKeyId(newLink.AbsolutePath["/u/".Length..], out var signedWith));
        Assert.Equal(newKey, signedWith);
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(HttpStatusCode.OK, oldStillValid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldRemoved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oldRemovedPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPost.StatusCode);
        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.True(stored.EmailConsent.Granted);
        Assert.False(stored.SmsConsent.Granted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_button_and_preference_centre_apply_with_antiforgery(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, customer) = await SubscribedCustomerAsync(app);
        var link = await LinkAsync(app, merchant.TenantId, customer.Id, MessageChannel.Email);
        using var browser = app.CreateBrowser();
        using var page = await browser.GetAsync(link.PathAndQuery);
        var antiforgery = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var action = link.AbsolutePath + "/preferences";

        using var withoutToken = await browser.PostAsync(action, Form(("action", "unsubscribed")));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.True((await StoredAsync(app, merchant.TenantId, customer.Id)).EmailConsent.Granted);

        using var button = await browser.PostAsync(action, Form(("action", "unsubscribed"), (HtmlForms.AntiforgeryField, antiforgery)));
        Assert.Equal(HttpStatusCode.Redirect, button.StatusCode);
        Assert.EndsWith("?done=unsubscribed", button.Headers.Location!.ToString(), StringComparison.Ordinal);
        var afterButton = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.False(afterButton.EmailConsent.Granted);
        Assert.True(afterButton.SmsConsent.Granted);

        // The preference centre: SMS unticked, email ticked again.
        using var save = await browser.PostAsync(action, Form(("action", "saved"), ("email", "true"), (HtmlForms.AntiforgeryField, antiforgery)));
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        using var done = await browser.GetAsync(save.Headers.Location);
        Assert.Contains("Your preferences are saved.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.True(stored.EmailConsent.Granted);
        Assert.False(stored.SmsConsent.Granted);
        var log = (await LogAsync(app, merchant.TenantId, customer.Id)).Where(e => e.Source == ConsentSources.UnsubscribeLink)
            .Select(e => (e.Channel, e.Granted)).ToList();
        Assert.Equal([(ConsentChannel.Email, true), (ConsentChannel.Sms, false), (ConsentChannel.Email, false)], log); // newest first
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_recipient_who_is_not_a_customer_is_suppressed_for_that_merchant_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (merchant, _) = await SubscribedCustomerAsync(app);
        var (other, _) = await SubscribedCustomerAsync(app);
        var address = Accounts.UniqueEmail("Prospect");
        var link = await app.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IUnsubscribeLinks>().For(merchant.TenantId, address, MessageChannel.Email)));
        using var client = app.CreateClient();

        using var page = await client.GetAsync(link.PathAndQuery);
        Assert.False(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Email, address));
        using var response = await client.PostAsync(link.PathAndQuery, OneClickBody());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Email, address.ToUpperInvariant()));
        Assert.False(await SuppressedAsync(app, other.TenantId, MessageChannel.Email, address));
        Assert.False(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, address));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}

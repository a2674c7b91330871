using System.Globalization;
using System.Text.RegularExpressions;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// A promotional email dispatched from the outbox through the SMTP gateway to the real Postfix of
/// scripts/test.sh carries the RFC 8058 headers, and the link in them unsubscribes the customer.
/// </summary>
public sealed partial class PromotionalEmailTests
{
    [SmtpFact]
    public async Task A_promotional_email_arrives_with_one_click_List_Unsubscribe_that_works()
    {
        var smtp = TestMailServer.Options();
        var settings = new Dictionary<string, string?>(DispatchApps.FastDispatch)
        {
            ["Smtp:Host"] = smtp.Host,
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:EnableSsl"] = "false",
            ["Smtp:FromAddress"] = TestMailServer.FromAddress,
            ["App:PublicBaseUrl"] = "https://loyalty.example/",
        };
        await using var app = await TestApp.StartAsync(new TestApp(await TestDatabase.CreateAsync(Providers.Sqlite), settings: settings));
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var to = TestMailServer.UniqueRecipient();
        var input = CustomerHelpers.NewCustomer(email: to);
        input.EmailConsent = true;
        var customer = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, input);
        await GrantAsync(app, merchant.TenantId, MessageChannel.Email, 2);
        await AutomaticHelpers.GoLiveAsync(app, merchant.TenantId);

        await QueueAsync(app, merchant.TenantId,
        [
            Email("offer", MessageKind.Promotional, to) with { CustomerId = customer.Id },
            Email("receipt", MessageKind.Service, to) with { CustomerId = customer.Id },
        ]);
        var rows = await WaitUntilSettledAsync(app, merchant.TenantId, TimeSpan.FromSeconds(60));
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));

        var mails = await TestMailServer.Maildir.WaitForAsync(to, count: 2);
        var offer = Assert.Single(mails, m => m.Header("Message-ID")!.StartsWith($"<{rows[0].Id}.", StringComparison.Ordinal));
        var receipt = Assert.Single(mails, m => m.Header("Message-ID")!.StartsWith($"<{rows[1].Id}.", StringComparison.Ordinal));
        Assert.Null(receipt.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", offer.Header("List-Unsubscribe-Post"));
        var header = ListUnsubscribe().Match(offer.Header("List-Unsubscribe") ?? "");
        Assert.True(header.Success, offer.Header("List-Unsubscribe"));
        // Both carry a token for this customer's email (signed a moment apart, so not the same text).
        var ring = app.Services.GetRequiredService<UnsubscribeKeyRing>();
        Assert.Equal((customer.Id, MessageChannel.Email), Claim(ring, header.Groups["token"].Value));
        Assert.Equal((customer.Id, MessageChannel.Email), Claim(ring, Uri.UnescapeDataString(header.Groups["mailto"].Value)));

        // The one-click POST a mail provider would make, to the path of the https link.
        using var client = app.CreateClient();
        using var response = await client.PostAsync(new Uri($"/u/{header.Groups["token"].Value}", UriKind.Relative), ConsentHelpers.OneClickBody());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False((await ConsentHelpers.StoredAsync(app, merchant.TenantId, customer.Id)).EmailConsent.Granted);
    }

    private static (int?, MessageChannel)? Claim(UnsubscribeKeyRing ring, string token) =>
        ring.Verify(token) is { } claim ? (claim.CustomerId, claim.Channel) : null;

    [GeneratedRegex(@"^<https://loyalty\.example/u/(?<token>[^>]+)>, <mailto:unsubscribe@loyalty\.example\?subject=unsubscribe%20(?<mailto>[^>]+)>$")]
    private static partial Regex ListUnsubscribe();
}

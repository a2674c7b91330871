using System.Net;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>With no SMTP server and no SMS provider configured (the test app's default), nothing leaves the machine.</summary>
public sealed class DevOutboxGatewayTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sms_and_email_land_in_the_development_outbox_and_a_manager_reads_only_their_own(string provider)
    {
        var app = await apps.GetAsync(provider);
        var shopA = await Accounts.SignUpMerchantAsync(app);
        var shopB = await Accounts.SignUpMerchantAsync(app);
        var textA = $"Shop A says hi {Guid.NewGuid():N}";
        var textB = $"Shop B says hi {Guid.NewGuid():N}";
        var emailTo = Accounts.UniqueEmail("customer");

        var (smsA, smsB, email, names) = await app.InScopeAsync(async sp =>
        {
            var sms = sp.GetRequiredService<ISmsGateway>();
            var mail = sp.GetRequiredService<IEmailGateway>();
            var a = await sms.SendAsync(new SmsToSend(shopA.TenantId, 501, "+33611111111", "ShopA", textA), CancellationToken.None);
            var b = await sms.SendAsync(new SmsToSend(shopB.TenantId, 502, "+33622222222", "", textB), CancellationToken.None);
            var e = await mail.SendAsync(new EmailToSend(shopA.TenantId, 503, emailTo, "Points credited", "<p>+10</p>", "+10", "Shop A", null),
                CancellationToken.None);
            return (a, b, e, (sms.Name, mail.Name));
        });

        Assert.Equal(("dev", "dev"), names);
        Assert.All(new[] { smsA, smsB, email }, r => Assert.Equal(DeliveryOutcome.Accepted, r.Outcome));
        var rowA = await app.QueryAsync(db => db.DevSms.SingleAsync(s => s.Body == textA));
        Assert.Equal((shopA.TenantId, 501L, "+33611111111", "ShopA"), (rowA.TenantId, rowA.OutboxId, rowA.To, rowA.Sender));
        Assert.Equal($"dev-sms-{rowA.Id}", smsA.ProviderMessageId);
        Assert.Equal("LoyaltyHub", await app.QueryAsync(db => db.DevSms.Where(s => s.Body == textB).Select(s => s.Sender).SingleAsync()));
        var mail = await Accounts.LastMailToAsync(app, emailTo);
        Assert.Equal(("Points credited", "Shop A", shopA.TenantId), (mail!.Subject, mail.FromName, mail.TenantId));

        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, shopA.ManagerEmail);
        using var page = await manager.GetAsync("/manage/outbox");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Text messages (SMS)", html, StringComparison.Ordinal);
        Assert.Contains(textA, html, StringComparison.Ordinal);
        Assert.DoesNotContain(textB, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Provider_callbacks_do_not_exist_when_no_provider_is_configured(string provider)
    {
        var app = await apps.GetAsync(provider);
        var client = app.CreateClient();

        using var twilio = await client.PostAsync("/webhooks/sms/twilio/status", new FormUrlEncodedContent([new("MessageSid", "SM1")]));
        using var webhook = await client.PostAsync("/webhooks/sms/webhook/status", new StringContent("""{"id":"1","status":"delivered"}"""));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (twilio.StatusCode, webhook.StatusCode));
    }
}

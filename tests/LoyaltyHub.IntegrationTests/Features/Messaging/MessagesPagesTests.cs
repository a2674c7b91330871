using System.Net;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>/manage/messages through HTTP, signed in through the login form: manager only, and each tenant sees its own templates.</summary>
public sealed class MessagesPagesTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_sees_own_templates_and_unknown_ones_are_not_found(string provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await Accounts.SignUpMerchantAsync(app);
        var b = await Accounts.SignUpMerchantAsync(app);
        var saved = await app.AsTenantAsync(b.TenantId, sp => sp.GetRequiredService<MessageTemplateService>()
            .SaveAsync(MessageEvent.OrderReady, MessageChannel.Sms, "fr", new MessageTemplateInput { Body = "Secret de B {{first_name}}" }));
        Assert.True(saved.Succeeded, Accounts.Describe(saved.Errors));
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, a.ManagerEmail);

        using var page = await manager.GetAsync("/manage/messages");
        using var editor = await manager.GetAsync("/manage/messages/templates/order_ready/sms/fr");
        var editorHtml = await editor.Content.ReadAsStringAsync();
        using var unknown = await manager.GetAsync("/manage/messages/templates/no_such_event/sms/fr");
        using var alertByEmail = await manager.GetAsync("/manage/messages/templates/new_order_alert/email/fr");
        using var anonymous = await app.CreateBrowser().GetAsync("/manage/messages");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Automatic messages", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Contains("vous attend en boutique", editorHtml, StringComparison.Ordinal); // the default, not B's wording
        Assert.DoesNotContain("Secret de B", editorHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alertByEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}

using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>A merchant with one customer who agreed to SMS and email offers, and the app's consent services.</summary>
public static class ConsentHelpers
{
    public static async Task<(Merchant Merchant, Customer Customer)> SubscribedCustomerAsync(TestApp app, string? mobile = null)
    {
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = NewCustomer();
        input.Phone = mobile ?? input.Phone;
        input.SmsConsent = true;
        input.EmailConsent = true;
        return (merchant, await RegisterAsync(app, merchant.TenantId, shop, input));
    }

    public static Task<Uri> LinkAsync(TestApp app, Guid tenantId, int customerId, MessageChannel channel) =>
        app.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IUnsubscribeLinks>().For(tenantId, customerId, channel)));

    public static Task<Customer> StoredAsync(TestApp app, Guid tenantId, int customerId) =>
        CallAsync(app, tenantId, async s => (await s.FindAsync(customerId))!.Customer);

    public static Task<IReadOnlyList<ConsentLogEntry>> LogAsync(TestApp app, Guid tenantId, int customerId) =>
        CallAsync(app, tenantId, s => s.ConsentLogAsync(customerId));

    public static Task<bool> SuppressedAsync(TestApp app, Guid tenantId, MessageChannel channel, string recipient) =>
        app.Services.GetRequiredService<ISuppressionList>().IsSuppressedAsync(tenantId, channel, recipient, CancellationToken.None);

    public static HttpContent OneClickBody() =>
        new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
}

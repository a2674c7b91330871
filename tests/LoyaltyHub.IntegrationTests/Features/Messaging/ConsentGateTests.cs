using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The send-time consent rule with the suppression list: a suppressed recipient gets no promotion, still gets service messages.</summary>
public sealed class ConsentGateTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_suppressed_number_gets_service_messages_but_no_promotion_and_only_at_that_merchant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        const string number = "+33612345678";
        await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            await sp.GetRequiredService<ISuppressionList>().SuppressAsync(merchant.TenantId, MessageChannel.Sms, number, "STOP", "test", CancellationToken.None);
            return true;
        });

        Task<bool> MayAsync(Guid tenant, MessageKind kind) => app.AsTenantAsync(tenant,
            sp => sp.GetRequiredService<IConsentGate>().MaySendAsync(tenant, MessageChannel.Sms, kind, number, null, CancellationToken.None));

        Assert.False(await MayAsync(merchant.TenantId, MessageKind.Promotional));
        Assert.True(await MayAsync(merchant.TenantId, MessageKind.Service));
        Assert.True(await MayAsync(merchant.TenantId, MessageKind.MerchantAlert));
        // At the other merchant the number is no customer with consent either: still no promotion, but for want of consent.
        Assert.False(await MayAsync(other.TenantId, MessageKind.Promotional));
        Assert.True(await MayAsync(other.TenantId, MessageKind.Service));
    }
}

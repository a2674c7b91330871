using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

public static class ConsentFeature
{
    /// <summary>Unsubscribe links and page, the suppression list and SMS STOP/START (SPEC §10).</summary>
    public static IServiceCollection AddMessagingConsent(this IServiceCollection services) => services
        .AddSingleton<UnsubscribeKeyRing>()
        .AddSingleton<ISuppressionList, SuppressionList>()
        .AddScoped<IUnsubscribeLinks, UnsubscribeLinks>()
        .AddScoped<UnsubscribeService>()
        .AddScoped<IInboundSmsHandler, InboundSmsHandler>();
}

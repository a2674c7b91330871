using LoyaltyHub.Core.Features.Messaging.Automatic;
using LoyaltyHub.Core.Features.Messaging.Credits;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyHub.Core.Features.Messaging;

public static class MessagingFeature
{
    /// <summary>
    /// The outbox, its dispatcher (a hosted service unless <c>Messaging:Outbox:Dispatch</c> is false),
    /// credits, receipts, the default consent gate, live mode and sender from the messaging settings,
    /// and the automatic messages. Gateways are registered by the gateway part.
    /// </summary>
    public static IServiceCollection AddMessagingOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OutboxOptions.Section);
        services.Configure<OutboxOptions>(section);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<IMessageOutbox, MessageOutbox>();
        services.AddScoped<CreditService>();
        services.AddScoped<OutboxQueries>();
        services.AddScoped<IDeliveryReceipts, DeliveryReceipts>();
        services.TryAddScoped<IConsentGate, ConsentGate>();
        services.TryAddScoped<ILiveMode, SettingsLiveMode>();
        services.TryAddScoped<ISenderIdentities, SettingsSenderIdentities>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddAutomaticMessages();
        if (section.GetValue(nameof(OutboxOptions.Dispatch), true))
        {
            services.AddHostedService<OutboxDispatchService>();
        }

        return services;
    }
}

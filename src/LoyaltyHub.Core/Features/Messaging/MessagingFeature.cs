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
    /// credits, receipts and the default consent gate. Gateways are registered by the gateway part;
    /// <see cref="ILiveMode"/> and <see cref="ISenderIdentities"/> here are stand-ins the settings
    /// part replaces (its registration wins whether it comes before or after this one).
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
        services.TryAddScoped<ILiveMode, AlwaysLive>();
        services.TryAddScoped<ISenderIdentities, TenantNameSender>();
        services.AddSingleton<OutboxDispatcher>();
        if (section.GetValue(nameof(OutboxOptions.Dispatch), true))
        {
            services.AddHostedService<OutboxDispatchService>();
        }

        return services;
    }
}

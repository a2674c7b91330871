using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Content;

public static class MessagingContentFeature
{
    public static IServiceCollection AddMessagingContent(this IServiceCollection services)
    {
        services.AddScoped<MessagingSettingsService>();
        services.AddSingleton<IMessagingSettingsReader, MessagingSettingsReader>();
        services.AddScoped<MessageTemplateService>();
        services.AddScoped<MessageComposer>();
        services.AddScoped<TemplatePreviewService>();
        services.AddScoped<ITestMessageSender, OutboxTestMessageSender>();
        services.AddSingleton<MessagingSnapshots>();
        return services;
    }
}

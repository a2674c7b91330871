using LoyaltyHub.Core.Features.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

public static class GatewaysFeature
{
    /// <summary>
    /// The email gateway (SMTP when <c>Smtp:Host</c> is set) and the SMS gateway chosen by
    /// <c>Sms:Provider</c>; without them, both go to the development outbox. A provider named
    /// with missing settings stops the start with a message saying which.
    /// </summary>
    public static IServiceCollection AddMessagingGateways(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmsOptions.Section);
        services.Configure<SmsOptions>(section);
        services.AddSingleton<GatewayRateLimits>();
        if (MailFeature.UsesDevOutbox(configuration))
        {
            services.AddScoped<IEmailGateway, DevOutboxEmailGateway>();
        }
        else
        {
            services.AddScoped<IEmailGateway, SmtpEmailGateway>();
        }

        var sms = section.Get<SmsOptions>() ?? new SmsOptions();
        if (sms.UsesDevOutbox)
        {
            services.AddScoped<ISmsGateway, DevOutboxSmsGateway>();
        }
        else if (string.Equals(sms.Provider, SmsOptions.TwilioProvider, StringComparison.OrdinalIgnoreCase))
        {
            Require(!string.IsNullOrWhiteSpace(sms.Twilio.AccountSid) && !string.IsNullOrWhiteSpace(sms.Twilio.AuthToken),
                "Sms:Provider is Twilio: set Sms:Twilio:AccountSid and Sms:Twilio:AuthToken.");
            AddHttpGateway<TwilioSmsGateway>(services, sms);
        }
        else if (string.Equals(sms.Provider, SmsOptions.WebhookProvider, StringComparison.OrdinalIgnoreCase))
        {
            Require(sms.Webhook.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                "Sms:Provider is Webhook: set Sms:Webhook:Url to an absolute http(s) address.");
            Require(sms.Webhook.Secret is { Length: >= 16 }, "Sms:Provider is Webhook: set Sms:Webhook:Secret (at least 16 characters).");
            AddHttpGateway<WebhookSmsGateway>(services, sms);
        }
        else
        {
            throw new InvalidOperationException($"Sms:Provider \"{sms.Provider}\" is unknown: use Twilio, Webhook, or leave it empty for the development outbox.");
        }

        return services;
    }

    /// <summary>True when SMS is kept in the development outbox rather than sent.</summary>
    public static bool UsesDevOutbox(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(SmsOptions.Section).Get<SmsOptions>() ?? new SmsOptions()).UsesDevOutbox;
    }

    private static void AddHttpGateway<TGateway>(IServiceCollection services, SmsOptions sms)
        where TGateway : class, ISmsGateway
    {
        var timeout = TimeSpan.FromSeconds(sms.TimeoutSeconds);
        services.AddHttpClient<ISmsGateway, TGateway>(client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => HttpGatewayOutcomes.CreateHandler(TimeSpan.FromSeconds(sms.ConnectTimeoutSeconds)))
            // One log line per message at thousands a second says nothing the outbox row does not.
            .RemoveAllLoggers();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}

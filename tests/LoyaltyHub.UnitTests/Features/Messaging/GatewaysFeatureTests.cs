using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.UnitTests.Features.Messaging;

/// <summary>Which gateways the configuration selects, and that a half-configured provider stops the start.</summary>
public sealed class GatewaysFeatureTests
{
    private static ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddMessagingGateways(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    private static Type? Implementation<T>(ServiceCollection services) =>
        services.Last(d => d.ServiceType == typeof(T)).ImplementationType;

    [Fact]
    public void Nothing_configured_means_both_channels_use_the_development_outbox()
    {
        var services = Register([]);

        Assert.Equal(typeof(DevOutboxEmailGateway), Implementation<IEmailGateway>(services));
        Assert.Equal(typeof(DevOutboxSmsGateway), Implementation<ISmsGateway>(services));
    }

    [Fact]
    public void Smtp_host_and_a_provider_select_the_real_gateways()
    {
        var smtp = Register(new() { ["Smtp:Host"] = "smtp.example.com" });
        var twilio = Register(new() { ["Sms:Provider"] = "twilio", ["Sms:Twilio:AccountSid"] = "AC1", ["Sms:Twilio:AuthToken"] = "t" });
        var webhook = Register(new() { ["Sms:Provider"] = "Webhook", ["Sms:Webhook:Url"] = "https://sms.example.com/send", ["Sms:Webhook:Secret"] = "0123456789abcdef" });

        Assert.Equal(typeof(SmtpEmailGateway), Implementation<IEmailGateway>(smtp));
        Assert.Contains(twilio, d => d.ServiceType == typeof(ISmsGateway) && d.ImplementationFactory is not null);
        Assert.DoesNotContain(twilio, d => d.ServiceType == typeof(ISmsGateway) && d.ImplementationType == typeof(DevOutboxSmsGateway));
        Assert.DoesNotContain(webhook, d => d.ServiceType == typeof(ISmsGateway) && d.ImplementationType == typeof(DevOutboxSmsGateway));
    }

    [Theory]
    [InlineData("Twilio", "Sms:Twilio:AccountSid")]
    [InlineData("Webhook", "Sms:Webhook:Url")]
    [InlineData("Nexmo", "unknown")]
    public void A_provider_without_its_settings_stops_the_start_naming_them(string provider, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(new() { ["Sms:Provider"] = provider }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_webhook_secret_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Register(new() { ["Sms:Provider"] = "Webhook", ["Sms:Webhook:Url"] = "https://sms.example.com/send", ["Sms:Webhook:Secret"] = "short" }));

        Assert.Contains("Sms:Webhook:Secret", error.Message, StringComparison.Ordinal);
    }
}

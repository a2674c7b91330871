using System.Net;
using System.Net.Sockets;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// The SMS gateway exactly as the app registers it (AddMessagingGateways: typed HttpClient,
/// handler, timeouts), without the rest of the app: the gateway tests need no database.
/// </summary>
internal sealed class SmsGatewayHost : IAsyncDisposable
{
    public static readonly Uri PublicBaseUrl = new("https://loyalty.example/");
    public static readonly Guid Tenant = Guid.Parse("0191f2b4-7c1e-7000-8000-0000000051a5");

    private readonly ServiceProvider services;

    public SmsGatewayHost(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<IPublicLinks>(new FixedLinks());
        collection.AddMessagingGateways(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static Dictionary<string, string?> Twilio(Uri baseUrl, int timeoutSeconds = 30, string authToken = SmsProviderStandIn.AuthToken) => new()
    {
        ["Sms:Provider"] = "Twilio",
        ["Sms:Twilio:AccountSid"] = SmsProviderStandIn.AccountSid,
        ["Sms:Twilio:AuthToken"] = authToken,
        ["Sms:Twilio:BaseUrl"] = baseUrl.ToString(),
        ["Sms:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string?> Webhook(Uri url, int timeoutSeconds = 30, string secret = SmsProviderStandIn.WebhookSecret) => new()
    {
        ["Sms:Provider"] = "Webhook",
        ["Sms:Webhook:Url"] = url.ToString(),
        ["Sms:Webhook:Secret"] = secret,
        ["Sms:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A loopback address nothing listens on: connections are refused at once.</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public static SmsToSend Sms(long outboxId = 42, string to = "+33612345678", string sender = "CafeRose", string body = "Your balance: 120 points") =>
        new(Tenant, outboxId, to, sender, body);

    public async Task<GatewayResult> SendAsync(SmsToSend sms)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISmsGateway>().SendAsync(sms, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private sealed class FixedLinks : IPublicLinks
    {
        public string Absolute(string relativePath) => new Uri(PublicBaseUrl, relativePath.TrimStart('/')).ToString();
    }
}

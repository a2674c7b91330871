using System.Collections.Concurrent;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Tenancy;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// Class fixture: one app per database provider with Twilio and the webhook secret configured,
/// and recording stand-ins for the receipt and inbound-SMS handlers (other parts of the engine
/// implement those; these tests are about what reaches them).
/// </summary>
public sealed class SmsWebhookApps : IAsyncLifetime
{
    public const string AuthToken = "test-auth-token-5f1b2c3d4e5f6a7b";
    public const string WebhookSecret = "test-webhook-secret-0123456789";

    private readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> apps = new();

    public RecordingReceipts Receipts { get; } = new();

    public InboundLog Inbound { get; } = new();

    public Task<TestApp> GetAsync(string provider) =>
        apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => StartAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            await app.Value.Result.DisposeAsync();
        }
    }

    private async Task<TestApp> StartAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            ["Sms:Provider"] = "Twilio",
            ["Sms:Twilio:AccountSid"] = SmsProviderStandIn.AccountSid,
            ["Sms:Twilio:AuthToken"] = AuthToken,
            ["Sms:Webhook:Secret"] = WebhookSecret,
        };
        try
        {
            return await TestApp.StartAsync(new TestApp(database, settings: settings, configureServices: services =>
            {
                services.AddSingleton<IDeliveryReceipts>(Receipts);
                services.AddSingleton(Inbound);
                services.AddScoped<IInboundSmsHandler, RecordingInboundSms>();
            }));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}

public sealed record AppliedReceipt(string Gateway, string ProviderMessageId, ReceiptStatus Status, string? Error);

public sealed class RecordingReceipts : IDeliveryReceipts
{
    private readonly ConcurrentQueue<AppliedReceipt> applied = new();

    public IReadOnlyCollection<AppliedReceipt> Applied => applied;

    public Task<bool> ApplyAsync(string gateway, string providerMessageId, ReceiptStatus status, string? error, CancellationToken cancellationToken)
    {
        applied.Enqueue(new AppliedReceipt(gateway, providerMessageId, status, error));
        return Task.FromResult(true);
    }
}

/// <param name="ScopeTenantId">The tenant of the DI scope the handler ran in.</param>
public sealed record InboundSms(Guid TenantId, Guid? ScopeTenantId, string From, string Body);

public sealed class InboundLog
{
    private readonly ConcurrentQueue<InboundSms> received = new();

    public IReadOnlyCollection<InboundSms> Received => received;

    public void Add(InboundSms sms) => received.Enqueue(sms);
}

internal sealed class RecordingInboundSms(InboundLog log, ITenantContext tenant) : IInboundSmsHandler
{
    public Task HandleAsync(Guid tenantId, string fromNumber, string body, CancellationToken cancellationToken)
    {
        log.Add(new InboundSms(tenantId, tenant.TenantId, fromNumber, body));
        return Task.CompletedTask;
    }
}

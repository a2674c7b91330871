using System.Collections.Concurrent;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.Core.Tenancy;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>
/// An in-process SMS and email gateway: answers as each tenant's behaviour says (accept by
/// default) and counts the calls per outbox id. Like Twilio or SMTP it does not honour
/// idempotency keys, so the dispatcher must never repeat an unanswered call to it.
/// </summary>
public sealed class TestGateway : ISmsGateway, IEmailGateway
{
    public const string GatewayName = "test";

    private readonly ConcurrentDictionary<Guid, Func<long, int, Task<GatewayResult>>> behaviours = new();

    public string Name => GatewayName;

    /// <summary>Calls per (tenant, outbox id): the SQLite and PostgreSQL apps share this gateway and their ids overlap.</summary>
    public ConcurrentDictionary<(Guid, long), int> Calls { get; } = new();

    public ConcurrentDictionary<(Guid, long), string> Senders { get; } = new();

    /// <summary>How the gateway answers <paramref name="tenantId"/>'s messages: (outbox id, call number) → result.</summary>
    public void Answer(Guid tenantId, Func<long, int, Task<GatewayResult>> behaviour) => behaviours[tenantId] = behaviour;

    public Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        Senders[(sms.TenantId, sms.OutboxId)] = sms.Sender;
        return CallAsync(sms.TenantId, sms.OutboxId);
    }

    public Task<GatewayResult> SendAsync(EmailToSend email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        Senders[(email.TenantId, email.OutboxId)] = email.FromName;
        return CallAsync(email.TenantId, email.OutboxId);
    }

    private Task<GatewayResult> CallAsync(Guid tenantId, long outboxId)
    {
        var call = Calls.AddOrUpdate((tenantId, outboxId), 1, (_, n) => n + 1);
        return behaviours.TryGetValue(tenantId, out var behaviour)
            ? behaviour(outboxId, call)
            : Task.FromResult(GatewayResult.Accepted($"test-{outboxId}"));
    }
}

/// <summary>Live mode per tenant for the tests: every tenant is live unless switched off here.</summary>
public sealed class TestLiveMode(ITenantContext tenant, TestLiveModes modes) : ILiveMode
{
    public Task<bool> IsLiveAsync(CancellationToken cancellationToken) => Task.FromResult(!modes.Off.ContainsKey(tenant.TenantId!.Value));
}

public sealed class TestLiveModes
{
    public ConcurrentDictionary<Guid, bool> Off { get; } = new();
}

/// <summary>
/// Class fixture: per provider, an app whose dispatcher sends through one <see cref="TestGateway"/>,
/// polling fast, retrying after a fraction of a second, giving up on Unknown messages after 3 s.
/// </summary>
public sealed class DispatchApps : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> FastDispatch = new Dictionary<string, string?>
    {
        ["Messaging:Outbox:Dispatch"] = "true",
        ["Messaging:Outbox:PollMilliseconds"] = "100",
        ["Messaging:Outbox:RetryBaseSeconds"] = "0.2",
        ["Messaging:Outbox:MaxAttempts"] = "3",
        ["Messaging:Outbox:UnknownTimeoutMinutes"] = "0.05",
        ["Messaging:Outbox:PerTenantInFlight"] = "50",
    };

    private readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> apps = new();

    public TestGateway Gateway { get; } = new();

    public TestLiveModes LiveModes { get; } = new();

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
        return await TestApp.StartAsync(new TestApp(database, settings: FastDispatch, configureServices: services =>
        {
            services.AddSingleton<ISmsGateway>(Gateway);
            services.AddSingleton<IEmailGateway>(Gateway);
            services.AddSingleton(LiveModes);
            services.AddScoped<ILiveMode, TestLiveMode>();
        }));
    }
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Sends the outbox (ARCHITECTURE §3 "Messages", §4 "Many machines"). A claim loop takes due rows
/// tenant by tenant, round robin, each tenant at most <see cref="OutboxOptions.PerTenantInFlight"/>
/// in flight, in one statement per tenant that returns the rows; each claimed batch has its consent
/// re-checked in a few queries, then every message is sent on its own task (live mode re-checked,
/// the gateway's rate limit honoured); a writer records the outcomes in batches with their credits
/// (one statement per batch on PostgreSQL).
/// Outcomes: Accepted → Sent and settled; Retryable → queued again after a backoff (at least the
/// provider's Retry-After) until <see cref="OutboxOptions.MaxAttempts"/>, then Failed and refunded;
/// Rejected → Failed and refunded; Unknown → sent again only through a gateway that honours the
/// idempotency key, otherwise Unknown until a receipt or the timeout (never a blind repeat).
/// </summary>
public sealed partial class OutboxDispatcher : IDisposable
{
    private const int WriteBatch = 1_000;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TenantCacheFor = TimeSpan.FromSeconds(10);

    private readonly IServiceProvider services;
    private readonly OutboxOptions options;
    private readonly TimeProvider clock;
    private readonly OutboxSignal signal;
    private readonly ILogger<OutboxDispatcher> logger;
    private readonly OutboxStore store;
    private readonly ConcurrentDictionary<Guid, int> tenantInFlight = new();
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Until, bool Live, SenderIdentity Sender)> tenantCache = new();
    private readonly Dictionary<string, RateLimiter> limiters = new(StringComparer.OrdinalIgnoreCase);
    private int inFlight;
    private int roundRobin;

    public OutboxDispatcher(IServiceProvider services, IOptions<OutboxOptions> options, TimeProvider clock, OutboxSignal signal, ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.services = services;
        this.options = options.Value;
        this.clock = clock;
        this.signal = signal;
        this.logger = logger;
        InstanceId = this.options.InstanceId is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        store = new OutboxStore(InstanceId);
        foreach (var (gateway, perSecond) in this.options.RateLimits.Where(r => r.Value > 0))
        {
            limiters[gateway] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>Stored as the lease owner of the rows this instance claims.</summary>
    public string InstanceId { get; }

    /// <summary>Runs until <paramref name="stop"/>; then lets the messages in flight finish and records them.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        // Gateways are scoped services (typed HttpClients, database-backed dev outboxes): this scope only
        // tells which are configured; each batch sends through the ones of its own tenant scope.
        Gateways gateways;
        await using (var probe = services.CreateAsyncScope())
        {
            gateways = Gateways.From(probe.ServiceProvider);
        }

        if (gateways.Names.Count == 0)
        {
            LogNoGateway(logger);
            return;
        }

        var outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteLoopAsync(outcomes.Reader);
        var sends = new ConcurrentDictionary<Task, bool>();
        var nextSweep = DateTimeOffset.MinValue;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var claimed = 0;
                try
                {
                    var now = clock.GetUtcNow();
                    if (now >= nextSweep)
                    {
                        await SweepAsync(gateways, now, stop);
                        nextSweep = now + SweepEvery;
                    }

                    var free = options.MaxInFlight - Volatile.Read(ref inFlight);
                    claimed = free >= Math.Max(1, options.MaxInFlight / 8)
                        ? await ClaimAsync(gateways, free, outcomes.Writer, sends, stop)
                        : 0;
                }
                catch (DbException e)
                {
                    // The database is away (restart, network): keep going; nothing claimed is lost.
                    LogLoopFailed(logger, e);
                }

                if (claimed == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(options.PollMilliseconds), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: fall through to let the sends finish.
        }
        finally
        {
            await Task.WhenAll(sends.Keys);
            outcomes.Writer.Complete();
            await writer;
        }
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private async Task SweepAsync(Gateways gateways, DateTimeOffset now, CancellationToken stop)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stop);
        var moved = await OutboxStore.SweepAsync(db, gateways.Idempotent, options.UnknownTimeout, now, stop);
        if (moved > 0)
        {
            LogSwept(logger, moved);
        }
    }

    /// <summary>Claims for each tenant with due rows, in turn, its share of the free capacity; returns how many rows it took.</summary>
    private async Task<int> ClaimAsync(Gateways gateways, int free, ChannelWriter<Outcome> outcomes, ConcurrentDictionary<Task, bool> sends, CancellationToken stop)
    {
        var now = clock.GetUtcNow();
        List<Guid> tenants;
        await using (var scope = services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stop))
        {
            tenants = await OutboxStore.DueTenantsAsync(db, [.. gateways.Names.Keys], now, stop);
        }

        if (tenants.Count == 0)
        {
            return 0;
        }

        var start = (int)((uint)Interlocked.Increment(ref roundRobin) % (uint)tenants.Count);
        var share = Math.Max(1, free / tenants.Count);
        var claimed = 0;
        for (var i = 0; i < tenants.Count && claimed < free; i++)
        {
            var tenantId = tenants[(start + i) % tenants.Count];
            var limit = Math.Min(Math.Min(share, free - claimed), Math.Min(options.BatchSize, options.PerTenantInFlight - tenantInFlight.GetValueOrDefault(tenantId)));
            if (limit <= 0)
            {
                continue;
            }

            List<ClaimedMessage> rows;
            await using (var scope = services.CreateAsyncScope())
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(stop))
            {
                rows = await store.ClaimAsync(db, tenantId, gateways.Names, limit, now, options.Lease, stop);
            }

            if (rows.Count == 0)
            {
                continue;
            }

            claimed += rows.Count;
            Interlocked.Add(ref inFlight, rows.Count);
            tenantInFlight.AddOrUpdate(tenantId, rows.Count, (_, n) => n + rows.Count);
            var batch = SendBatchAsync(tenantId, rows, gateways, outcomes);
            sends[batch] = true;
            _ = batch.ContinueWith(t => sends.TryRemove(t, out _), TaskScheduler.Default);
        }

        return claimed;
    }

    /// <summary>Sends one tenant's claimed rows concurrently; never throws (every row ends in an outcome).</summary>
    private async Task SendBatchAsync(Guid tenantId, List<ClaimedMessage> rows, Gateways configured, ChannelWriter<Outcome> outcomes)
    {
        await Task.Yield();
        await using var scope = services.GetRequiredService<TenantScopeFactory>().CreateScope(tenantId);
        (bool Live, SenderIdentity Sender) tenant;
        try
        {
            tenant = await TenantAsync(tenantId, scope.ServiceProvider);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            LogTenantFailed(logger, tenantId, e);
            foreach (var row in rows)
            {
                outcomes.TryWrite(Retry(row, null, $"The tenant's messaging settings could not be read: {e.Message}"));
            }

            return;
        }

        var gateways = configured.Names.Count > 0 ? Gateways.From(scope.ServiceProvider) : configured;
        IReadOnlyList<bool> allowed;
        try
        {
            // Consent and suppression again at send time, for the whole batch in a few queries.
            allowed = await scope.ServiceProvider.GetRequiredService<IConsentGate>().MaySendAsync(
                tenantId, [.. rows.Select(r => new ConsentQuestion(r.Channel, r.Kind, r.Recipient, r.CustomerId))], CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            LogTenantFailed(logger, tenantId, e);
            foreach (var row in rows)
            {
                outcomes.TryWrite(Retry(row, null, $"Consent could not be checked: {e.Message}"));
            }

            return;
        }

        // Resolved only when needed: it builds absolute links, which a host without a web front has no way to.
        var links = rows.Any(r => r is { Channel: MessageChannel.Email, Kind: MessageKind.Promotional })
            ? scope.ServiceProvider.GetRequiredService<IUnsubscribeLinks>()
            : null;
        await Task.WhenAll(rows.Select(async (row, i) => outcomes.TryWrite(await SendOneAsync(row, tenant.Live, tenant.Sender, allowed[i], gateways, links))));
    }

    /// <summary>
    /// The email as the gateway takes it; a promotional one carries its one-click unsubscribe link
    /// (List-Unsubscribe https + mailto, RFC 8058). A link that is not https (a developer's machine
    /// on plain http) is left out rather than have the gateway reject the message for it.
    /// </summary>
    private static EmailToSend EmailOf(ClaimedMessage row, SenderIdentity sender, IUnsubscribeLinks? links)
    {
        var email = new EmailToSend(row.TenantId, row.Id, row.Recipient, row.Subject ?? "", row.Body, row.TextBody ?? "", sender.FromName, sender.ReplyTo);
        if (row.Kind != MessageKind.Promotional || links is null)
        {
            return email;
        }

        var url = row.CustomerId is { } customerId
            ? links.For(row.TenantId, customerId, MessageChannel.Email)
            : links.For(row.TenantId, row.Recipient, MessageChannel.Email);
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return email;
        }

        var mailto = row.CustomerId is { } id
            ? links.MailtoFor(row.TenantId, id, MessageChannel.Email)
            : links.MailtoFor(row.TenantId, row.Recipient, MessageChannel.Email);
        // The gateway writes <mailto:…> itself.
        return email with { UnsubscribeUrl = url, UnsubscribeMailto = mailto[(mailto.IndexOf(':', StringComparison.Ordinal) + 1)..] };
    }

    private async Task<Outcome> SendOneAsync(ClaimedMessage row, bool live, SenderIdentity sender, bool allowed, Gateways gateways, IUnsubscribeLinks? links)
    {
        EmailToSend? email = null;
        try
        {
            email = row.Channel == MessageChannel.Email ? EmailOf(row, sender, links) : null;
        }
        catch (InvalidOperationException e)
        {
            // Nothing left the machine: safe to try again once the address is configured.
            return Retry(row, null, $"The unsubscribe link could not be built: {e.Message}");
        }

        try
        {
            if (!live && row.Kind != MessageKind.MerchantAlert && !row.IsTest)
            {
                return new Outcome(row, OutboxState.NotSentTest, "Live mode is off: test, not sent.");
            }

            if (!allowed)
            {
                return new Outcome(row, OutboxState.Blocked, "No consent for this channel at send time (or the recipient is suppressed).");
            }

            if (limiters.TryGetValue(row.Gateway, out var limiter))
            {
                using var lease = await limiter.AcquireAsync(1);
            }

            var result = row.Channel == MessageChannel.Sms
                ? await gateways.Sms!.SendAsync(new SmsToSend(row.TenantId, row.Id, row.Recipient, sender.SmsSender, row.Body), CancellationToken.None)
                : await gateways.Email!.SendAsync(email!, CancellationToken.None);
            return Map(row, result, gateways.Idempotent.Contains(row.Gateway));
        }
#pragma warning disable CA1031 // A gateway's exception must not lose the message: it becomes an Unknown outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Map(row, new GatewayResult(DeliveryOutcome.Unknown, Error: $"{e.GetType().Name}: {e.Message}"), gateways.Idempotent.Contains(row.Gateway));
        }
    }

    private Outcome Map(ClaimedMessage row, GatewayResult result, bool idempotent) => result.Outcome switch
    {
        DeliveryOutcome.Accepted => new Outcome(row, OutboxState.Sent, null, result.ProviderMessageId),
        DeliveryOutcome.Rejected => new Outcome(row, OutboxState.Failed, result.Error ?? "Rejected by the provider; credits refunded."),
        DeliveryOutcome.Unknown when !idempotent => new Outcome(row, OutboxState.Unknown,
            $"The provider may have it ({result.Error ?? "no answer"}): waiting for its receipt, not sent again.",
            result.ProviderMessageId, clock.GetUtcNow() + options.UnknownTimeout),
        _ => Retry(row, result.RetryAfter, result.Error ?? "The provider could not take it now."),
    };

    private Outcome Retry(ClaimedMessage row, TimeSpan? retryAfter, string error)
    {
        if (row.Attempts >= options.MaxAttempts)
        {
            return new Outcome(row, OutboxState.Failed, $"Gave up after {row.Attempts} attempts: {error} Credits refunded.");
        }

        // Exponential backoff with ±20 % jitter, at most an hour; never sooner than the provider asked.
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, options.RetryBaseSeconds * Math.Pow(2, row.Attempts - 1)) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return new Outcome(row, OutboxState.Queued, error, null, clock.GetUtcNow() + wait);
    }

    private async Task<(bool Live, SenderIdentity Sender)> TenantAsync(Guid tenantId, IServiceProvider scope)
    {
        var now = clock.GetUtcNow();
        if (tenantCache.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return (cached.Live, cached.Sender);
        }

        var live = await scope.GetRequiredService<ILiveMode>().IsLiveAsync(CancellationToken.None);
        var sender = await scope.GetRequiredService<ISenderIdentities>().GetAsync(CancellationToken.None);
        tenantCache[tenantId] = (now + TenantCacheFor, live, sender);
        return (live, sender);
    }

    /// <summary>Records outcomes in batches (one transaction each), then frees their capacity.</summary>
    private async Task WriteLoopAsync(ChannelReader<Outcome> outcomes)
    {
        await Task.Yield();
        var batch = new List<Outcome>(WriteBatch);
        while (await outcomes.WaitToReadAsync())
        {
            while (batch.Count < WriteBatch && outcomes.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            await WriteAsync(batch);
            foreach (var tenant in batch.GroupBy(o => o.Message.TenantId))
            {
                tenantInFlight.AddOrUpdate(tenant.Key, 0, (_, n) => n - tenant.Count());
            }

            Interlocked.Add(ref inFlight, -batch.Count);
            batch.Clear();
            signal.Notify();
        }
    }

    /// <summary>
    /// Writes one batch, retrying while the database is unreachable. Giving up is not an option:
    /// the rows stay Sending and, once the lease passes, the sweep takes them over.
    /// </summary>
    private async Task WriteAsync(List<Outcome> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                await store.CompleteAsync(db, batch, clock.GetUtcNow(), CancellationToken.None);
                return;
            }
            catch (DbException e) when (attempt < 5)
            {
                LogWriteFailed(logger, batch.Count, attempt, e);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (DbException e)
            {
                LogWriteAbandoned(logger, batch.Count, e);
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "No SMS or email gateway is registered: the outbox is not dispatched.")]
    private static partial void LogNoGateway(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch could not reach the database; trying again.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "Outbox sweep moved {Count} messages (expired leases or unconfirmed sends).")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "Messaging settings of tenant {TenantId} could not be read; its claimed messages are retried.")]
    private static partial void LogTenantFailed(ILogger logger, Guid tenantId, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Recording {Count} outbox outcomes failed (attempt {Attempt}); retrying.")]
    private static partial void LogWriteFailed(ILogger logger, int count, int attempt, Exception exception);

    [LoggerMessage(LogLevel.Error, "Recording {Count} outbox outcomes failed for good; the lease sweep will take the rows over.")]
    private static partial void LogWriteAbandoned(ILogger logger, int count, Exception exception);
}

/// <summary>The gateways registered (the last registration of each channel wins) and what the dispatcher needs of them.</summary>
internal sealed record Gateways(ISmsGateway? Sms, IEmailGateway? Email)
{
    public IReadOnlyDictionary<MessageChannel, string> Names { get; } = new Dictionary<MessageChannel, string>(
        new[] { (MessageChannel.Sms, Sms?.Name), (MessageChannel.Email, Email?.Name) }
            .Where(g => g.Item2 is not null)
            .Select(g => KeyValuePair.Create(g.Item1, g.Item2!)));

    /// <summary>Names of the gateways whose unanswered requests may be repeated (see <see cref="ISmsGateway.HonoursIdempotencyKey"/>).</summary>
    public IReadOnlyCollection<string> Idempotent { get; } =
        [.. new[] { Sms is { HonoursIdempotencyKey: true } ? Sms.Name : null, Email is { HonoursIdempotencyKey: true } ? Email.Name : null }.OfType<string>()];

    public static Gateways From(IServiceProvider services) =>
        new(services.GetServices<ISmsGateway>().LastOrDefault(), services.GetServices<IEmailGateway>().LastOrDefault());
}

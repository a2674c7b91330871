using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>
/// One token bucket per gateway for the whole process (a singleton): whatever number of
/// dispatchers send at once, a gateway never gets more than its configured messages a second.
/// A caller past the limit waits its turn rather than failing, so no attempt is spent on it.
/// </summary>
internal sealed class GatewayRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> limiters = new(StringComparer.Ordinal);

    /// <param name="perSecond">0 or less: no limit.</param>
    public async ValueTask WaitTurnAsync(string gateway, int perSecond, CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return;
        }

        var limiter = limiters.GetOrAdd(gateway, _ => new Lazy<RateLimiter>(() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }))).Value;
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The rate limiter of gateway {gateway} refused a permit.");
        }
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
    }
}

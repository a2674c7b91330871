using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LoyaltyHub.Core.Features.Integration;

/// <summary>
/// API credentials this process verified in the last <see cref="Lifetime"/>, so a web shop's
/// stream of calls is authenticated without a database read and a Data Protection unprotect per
/// call. Entries are keyed by the API key and hold only a SHA-256 of the secret (compared in
/// constant time): a wrong secret is never accepted from here, it goes on to the database check.
/// Only verified credentials are kept, so the cache holds at most one entry per merchant's key.
/// <see cref="ApiCredentialService.RegenerateAsync"/> forgets the tenant's entry at once; another
/// app instance sharing the database stops accepting the old credentials within the lifetime.
/// </summary>
public sealed class VerifiedApiCredentials(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> byKey = new(StringComparer.Ordinal);

    private long forgets;

    /// <summary>Read before checking credentials in the database, and handed to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref forgets);

    /// <summary>The tenant of a key and secret verified less than <see cref="Lifetime"/> ago, or null.</summary>
    public Guid? Find(string key, string secret) =>
        byKey.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow()
            && CryptographicOperations.FixedTimeEquals(entry.SecretHash, Hash(secret))
            ? entry.TenantId
            : null;

    /// <param name="generation">
    /// <see cref="Generation"/> from before the check: when credentials were regenerated meanwhile,
    /// what the check read may be the old ones, so they are not kept.
    /// </param>
    public void Remember(string key, string secret, Guid tenantId, long generation)
    {
        byKey[key] = new Entry(Hash(secret), tenantId, clock.GetUtcNow() + Lifetime);
        if (Generation != generation)
        {
            byKey.TryRemove(key, out _);
        }
    }

    /// <summary>The tenant's credentials changed: nothing verified before counts any more.</summary>
    public void Forget(Guid tenantId)
    {
        Interlocked.Increment(ref forgets);
        foreach (var (key, entry) in byKey)
        {
            if (entry.TenantId == tenantId)
            {
                byKey.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private sealed record Entry(byte[] SecretHash, Guid TenantId, DateTimeOffset Until);
}

using System.Security.Cryptography;
using LoyaltyHub.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// The unsubscribe-link keys, read from the database once and kept in memory so verifying a link
/// costs one HMAC and no query. Why the database (encrypted with Data Protection) rather than
/// configuration: the embedded default run needs stable keys with no setup, several app instances
/// share them through the one database, and a rotation is a row, not a redeploy on every machine.
/// The ring is re-read every few minutes (a key deleted elsewhere stops verifying there too) and at
/// once when a token names a key this instance has not seen (a key added elsewhere), at most
/// every few seconds so forged key ids cannot hammer the database.
/// </summary>
public sealed class UnsubscribeKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownKeyReloadGap = TimeSpan.FromSeconds(5);

    private readonly IDataProtector protector = protection.CreateProtector("LoyaltyHub.Messaging.UnsubscribeKeys");
    private readonly Lock gate = new();
    private Ring? ring;
    private DateTimeOffset lastUnknownKeyReload = DateTimeOffset.MinValue;

    /// <summary>Signs <paramref name="claim"/> with the current (newest) key.</summary>
    public string Sign(UnsubscribeClaim claim)
    {
        var current = Current();
        return UnsubscribeTokens.Create(claim, current.CurrentId, current.Keys[current.CurrentId]);
    }

    /// <summary>The claim of a token signed by any listed key; null for anything else.</summary>
    public UnsubscribeClaim? Verify(string? token)
    {
        if (!UnsubscribeTokens.TryReadKeyId(token, out var keyId))
        {
            return null;
        }

        var current = Current();
        if (!current.Keys.ContainsKey(keyId))
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                if (now - lastUnknownKeyReload >= UnknownKeyReloadGap)
                {
                    lastUnknownKeyReload = now;
                    current = ring = Load();
                }
            }
        }

        return current.Keys.TryGetValue(keyId, out var key) ? UnsubscribeTokens.Verify(token, key) : null;
    }

    /// <summary>Adds a new key, which signs from now on; links signed by older keys keep working. Returns its id.</summary>
    public int Rotate()
    {
        // Protect before touching the database: it may create a Data Protection key, written on its own connection.
        var key = NewKey();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Set<UnsubscribeKey>().Add(key);
            db.SaveChanges();
        }

        lock (gate)
        {
            ring = Load();
        }

        return key.Id;
    }

    /// <summary>Deletes a key: every link it signed stops working (answered 400). The newest remaining key signs.</summary>
    public bool Remove(int keyId)
    {
        int removed;
        using (var scope = scopes.CreateScope())
        {
            removed = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<UnsubscribeKey>().Where(k => k.Id == keyId).ExecuteDelete();
        }

        lock (gate)
        {
            ring = Load();
        }

        return removed > 0;
    }

    /// <summary>The ids of the listed keys, newest first.</summary>
    public IReadOnlyList<int> KeyIds() => [.. Current().Keys.Keys.OrderDescending()];

    private Ring Current()
    {
        var current = ring;
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < Refresh)
        {
            return current;
        }

        lock (gate)
        {
            if (ring is null || clock.GetUtcNow() - ring.LoadedAt >= Refresh)
            {
                ring = Load();
            }

            return ring;
        }
    }

    // Synchronous on purpose: it runs under the lock, once per refresh, and Sign is called while
    // rendering messages, which should not have to await a key that is almost always in memory.
    private Ring Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = db.Set<UnsubscribeKey>().AsNoTracking().ToList();
        if (rows.Count == 0)
        {
            // First use of a fresh database. Two instances starting together may each add one:
            // both are listed, so both verify, and the newer signs once either reloads.
            var first = NewKey();
            db.Set<UnsubscribeKey>().Add(first);
            db.SaveChanges();
            rows.Add(first);
        }

        var keys = rows.ToDictionary(r => r.Id, r => protector.Unprotect(Convert.FromBase64String(r.ProtectedSecret)));
        return new Ring(keys, keys.Keys.Max(), clock.GetUtcNow());
    }

    private UnsubscribeKey NewKey() => new()
    {
        ProtectedSecret = Convert.ToBase64String(protector.Protect(RandomNumberGenerator.GetBytes(32))),
        CreatedAt = clock.GetUtcNow(),
    };

    private sealed record Ring(IReadOnlyDictionary<int, byte[]> Keys, int CurrentId, DateTimeOffset LoadedAt);
}

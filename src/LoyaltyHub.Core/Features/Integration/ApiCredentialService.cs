using System.Security.Cryptography;
using System.Text;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Integration;

/// <summary>Issues, shows and regenerates the current tenant's API credentials.</summary>
public sealed class ApiCredentialService(
    IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, IDataProtectionProvider protection, VerifiedApiCredentials verified, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("LoyaltyHub.Integration.ApiCredentials");

    /// <summary>
    /// A fresh set for the caller to add and save (e.g. within sign-up). Make it before opening a
    /// transaction: protecting may create a Data Protection key, which is written to the
    /// database on its own connection and would wait on an open SQLite write transaction.
    /// </summary>
    public ApiCredential Create()
    {
        var credential = new ApiCredential { Key = "", ProtectedSecret = "", ProtectedToken = "" };
        Fill(credential);
        return credential;
    }

    public async Task<ApiCredentialView?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.ApiCredentials.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return credential is null ? null : View(credential);
    }

    /// <summary>Replaces key, secret and token; the old ones stop working at once (on other app instances within <see cref="VerifiedApiCredentials.Lifetime"/>).</summary>
    public async Task<ApiCredentialView> RegenerateAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("API credentials belong to a tenant.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.ApiCredentials.FirstOrDefaultAsync(cancellationToken);
        if (credential is null)
        {
            credential = Create();
            db.ApiCredentials.Add(credential);
        }
        else
        {
            Fill(credential);
        }

        await db.SaveChangesAsync(cancellationToken);
        verified.Forget(tenantId);
        return View(credential);
    }

    /// <summary>
    /// The tenant whose web shop holds this key and secret, or null. Runs before any tenant is
    /// known, so it looks across tenants by the platform-unique key; the secret is compared in
    /// constant time. Credentials verified in the last seconds are taken from <see cref="VerifiedApiCredentials"/>.
    /// </summary>
    public async Task<Guid?> AuthenticateAsync(string key, string secret, CancellationToken cancellationToken = default)
    {
        if (verified.Find(key, secret) is { } known)
        {
            return known;
        }

        var generation = verified.Generation;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.ApiCredentials.IgnoreQueryFilters([TenantModel.FilterName]).AsNoTracking()
            .FirstOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (credential is null)
        {
            return null;
        }

        var expected = Encoding.UTF8.GetBytes(protector.Unprotect(credential.ProtectedSecret));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(secret)))
        {
            return null;
        }

        verified.Remember(key, secret, credential.TenantId, generation);
        return credential.TenantId;
    }

    private void Fill(ApiCredential credential)
    {
        credential.Key = "lh_" + RandomToken(16);
        credential.ProtectedSecret = protector.Protect(RandomToken(32));
        credential.ProtectedToken = protector.Protect(RandomToken(32));
        credential.CreatedAt = clock.GetUtcNow();
    }

    private ApiCredentialView View(ApiCredential credential) => new(
        credential.Key, protector.Unprotect(credential.ProtectedSecret), protector.Unprotect(credential.ProtectedToken),
        credential.CreatedAt);

    private static string RandomToken(int bytes) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));
}

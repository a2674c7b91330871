using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Integration;

/// <summary>
/// The API credentials of a tenant's web shop: a public key, and a secret and token kept
/// encrypted with Data Protection so "My account" can show them again.
/// </summary>
public sealed class ApiCredential : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Public identifier sent with every API call; unique on the platform.</summary>
    public required string Key { get; set; }

    public required string ProtectedSecret { get; set; }

    public required string ProtectedToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ApiCredentialConfiguration : IEntityTypeConfiguration<ApiCredential>
{
    public void Configure(EntityTypeBuilder<ApiCredential> builder)
    {
        builder.Property(c => c.Key).HasMaxLength(64);
        // Keys are looked up before the tenant is known, so they are unique across tenants.
        builder.HasIndex(c => c.Key).IsUnique();
        builder.HasIndex(c => c.TenantId).IsUnique();
    }
}

/// <summary>The credentials in clear, for the merchant's own eyes.</summary>
public sealed record ApiCredentialView(string Key, string Secret, string Token, DateTimeOffset CreatedAt);

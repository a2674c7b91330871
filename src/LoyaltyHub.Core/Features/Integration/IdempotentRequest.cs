using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Integration;

/// <summary>
/// An API request sent with an <c>Idempotency-Key</c> header and the answer it got, so a retry of
/// the same request gets the same answer without doing the work twice. A row without a status is a
/// request still being processed.
/// </summary>
public sealed class IdempotentRequest : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 (hex) of the method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ResponseJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequests.KeyMax);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => new { r.TenantId, r.Key }).IsUnique();
    }
}

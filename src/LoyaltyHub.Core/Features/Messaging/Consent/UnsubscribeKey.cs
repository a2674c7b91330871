using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// One HMAC key of the unsubscribe-link key ring. The newest signs; every listed key verifies, so
/// adding a key rotates without breaking links already in mailboxes, and deleting a key revokes
/// the links it signed. The secret is stored encrypted with Data Protection (whose keys persist in
/// this database), never in configuration or git.
/// </summary>
[GlobalEntity("Unsubscribe links are verified before their tenant is known: the tenant id is inside the signed token.")]
public sealed class UnsubscribeKey
{
    /// <summary>The key id written into every token it signs.</summary>
    public int Id { get; set; }

    /// <summary>256 random bits, protected with Data Protection.</summary>
    public required string ProtectedSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class UnsubscribeKeyConfiguration : IEntityTypeConfiguration<UnsubscribeKey>
{
    public void Configure(EntityTypeBuilder<UnsubscribeKey> builder)
    {
        builder.ToTable("UnsubscribeKeys");
        builder.Property(k => k.ProtectedSecret).HasMaxLength(1000);
    }
}

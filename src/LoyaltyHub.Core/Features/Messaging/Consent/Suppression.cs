using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// A recipient a tenant must not send promotional messages to on one channel (SPEC §10): a number
/// that replied STOP, or an address that unsubscribed without being a customer. One row per
/// tenant, channel and recipient; a START lifts it (the row stays, with when and how), a new STOP
/// sets it again.
/// </summary>
public sealed class Suppression : ITenantOwned
{
    public const int RecipientMax = 254;
    public const int TextMax = 80;

    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public MessageChannel Channel { get; set; }

    /// <summary>E.164 phone for SMS, lower-case address for email (see <see cref="SuppressionList.Normalize"/>).</summary>
    public required string Recipient { get; set; }

    /// <summary>Why, in words: "replied STOP", "unsubscribe link".</summary>
    public required string Reason { get; set; }

    /// <summary>How the request arrived: one of the consent sources ("SMS STOP", "one-click", …).</summary>
    public required string Source { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>When a START (or the preference centre) lifted it; null while it holds.</summary>
    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedSource { get; set; }
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> builder)
    {
        builder.ToTable("Suppressions");
        builder.Property(s => s.Recipient).HasMaxLength(Suppression.RecipientMax);
        builder.Property(s => s.Reason).HasMaxLength(Suppression.TextMax);
        builder.Property(s => s.Source).HasMaxLength(Suppression.TextMax);
        builder.Property(s => s.LiftedSource).HasMaxLength(Suppression.TextMax);
        // The send-time check is one exact match on this index; two STOPs at once keep one row.
        builder.HasIndex(s => new { s.TenantId, s.Channel, s.Recipient }).IsUnique();
    }
}

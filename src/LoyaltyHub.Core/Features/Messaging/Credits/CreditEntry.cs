using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Messaging.Credits;

public enum CreditEntryKind
{
    /// <summary>Credits added (platform admin grant, later a paid pack): available +n.</summary>
    Grant = 1,

    /// <summary>Held for queued messages: available −n, reserved +n.</summary>
    Reserve = 2,

    /// <summary>Spent: the provider accepted the messages; reserved −n.</summary>
    Settle = 3,

    /// <summary>Given back: the messages finally failed or were not sent; reserved −n, available +n.</summary>
    Refund = 4,
}

/// <summary>
/// One movement of a tenant's message credits on one channel. Rows are only ever added. A
/// reservation covers one queue call, a settlement one dispatch batch, a refund one message.
/// </summary>
public sealed class CreditEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public MessageChannel Channel { get; set; }

    public CreditEntryKind Kind { get; set; }

    /// <summary>How many credits moved; always positive, the kind says which way.</summary>
    public long Credits { get; set; }

    /// <summary>The message a refund is for.</summary>
    public long? OutboxMessageId { get; set; }

    /// <summary>Why credits were granted (shown in the ledger).</summary>
    public string? Reason { get; set; }

    /// <summary>The user id of the platform admin who granted them.</summary>
    public string? ActorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The cached balance of one tenant and channel, the sum of its <see cref="CreditEntry"/> rows.
/// Changed only by conditional updates (<see cref="CreditLedger"/>), never below zero.
/// </summary>
public sealed class CreditBalance : ITenantOwned
{
    public Guid TenantId { get; set; }

    public MessageChannel Channel { get; set; }

    /// <summary>What new messages can still reserve.</summary>
    public long Available { get; set; }

    /// <summary>Held by queued or in-flight messages.</summary>
    public long Reserved { get; set; }

    public long Version { get; set; }
}

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> builder)
    {
        builder.ToTable("CreditEntries");
        builder.Property(e => e.Reason).HasMaxLength(CreditGrantInput.ReasonMax);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.HasIndex(e => new { e.TenantId, e.Channel, e.Id });
    }
}

internal sealed class CreditBalanceConfiguration : IEntityTypeConfiguration<CreditBalance>
{
    public void Configure(EntityTypeBuilder<CreditBalance> builder)
    {
        builder.ToTable("CreditBalances");
        builder.HasKey(b => new { b.TenantId, b.Channel });
        builder.Property(b => b.Version).IsConcurrencyToken();
    }
}

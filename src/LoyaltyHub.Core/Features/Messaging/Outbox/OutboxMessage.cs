using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>Where a message stands (SPEC §7). Only the dispatcher and delivery receipts move it.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its turn (or for <see cref="OutboxMessage.NextAttemptAt"/> after a retryable error).</summary>
    Queued = 0,

    /// <summary>Claimed by a dispatcher (lease) and being handed to the gateway.</summary>
    Sending = 1,

    /// <summary>The provider accepted it; credits are settled.</summary>
    Sent = 2,

    /// <summary>The provider's receipt says it reached the recipient.</summary>
    Delivered = 3,

    /// <summary>Rejected, out of attempts, or unconfirmed; credits refunded unless the provider had accepted it.</summary>
    Failed = 4,

    /// <summary>The provider accepted it, then the recipient's server or network refused it.</summary>
    Bounced = 5,

    /// <summary>Live mode was off: recorded as "test, not sent", no gateway was called, credits refunded.</summary>
    NotSentTest = 6,

    /// <summary>The recipient had no consent (or was suppressed) at send time; nothing sent, credits refunded.</summary>
    Blocked = 7,

    /// <summary>
    /// The gateway may have taken it (timeout after the request left, or a crash mid-send) and cannot
    /// be asked again safely: waits for a receipt, and after <c>UnknownTimeout</c> becomes Failed
    /// ("unconfirmed") with a refund. Never resent.
    /// </summary>
    Unknown = 8,
}

/// <summary>
/// One message to one recipient (ARCHITECTURE §3 "Messages"): written in the transaction of its
/// cause, claimed by a dispatcher under a lease, sent once. Its id is the gateway's idempotency
/// key and the status-callback reference.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public const int RecipientMax = 320;
    public const int SubjectMax = 500;
    public const int KeyMax = 200;
    public const int SourceMax = 60;
    public const int ErrorMax = 1000;

    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public MessageChannel Channel { get; set; }

    public MessageKind Kind { get; set; }

    /// <summary>The event or campaign that caused it ("order_ready", "test").</summary>
    public string Source { get; set; } = "";

    /// <summary>E.164 phone for SMS, email address for email.</summary>
    public required string Recipient { get; set; }

    public int? CustomerId { get; set; }

    public string? Subject { get; set; }

    /// <summary>SMS text, or the email's HTML.</summary>
    public required string Body { get; set; }

    /// <summary>The email's plain-text part.</summary>
    public string? TextBody { get; set; }

    public bool IsTest { get; set; }

    /// <summary>Event + rule + recipient; unique per tenant, so an event delivered twice queues once.</summary>
    public required string IdempotencyKey { get; set; }

    public OutboxState State { get; set; }

    /// <summary>Gateway calls made (a claim counts as one).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// When the row next needs attention: Queued, not claimed before it (backoff, Retry-After);
    /// Sending, the lease's end; Unknown, when the wait for a receipt gives up.
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher instance holding (or that last held) the row.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>A Sending row whose lease passed belongs to a dispatcher that died.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The gateway that was asked ("twilio", "webhook", "dev"): receipts are matched by it.</summary>
    public string? Gateway { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? LastError { get; set; }

    /// <summary>Credits reserved at queue time (SMS: segments; email: 1).</summary>
    public int Cost { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Source).HasMaxLength(OutboxMessage.SourceMax);
        builder.Property(m => m.Recipient).HasMaxLength(OutboxMessage.RecipientMax);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMax);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.KeyMax);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.Gateway).HasMaxLength(40);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMax);
        builder.HasOne<Customers.Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(m => new { m.TenantId, m.IdempotencyKey }).IsUnique();
        // Receipts find their row by gateway + provider id.
        builder.HasIndex(m => new { m.Gateway, m.ProviderMessageId });
        // The claim: a tenant's due rows, oldest first (and whether a tenant has any).
        builder.HasIndex(m => new { m.TenantId, m.State, m.NextAttemptAt });
        // The sweeps: Sending rows whose lease ran out, Unknown rows whose wait for a receipt ended.
        builder.HasIndex(m => new { m.State, m.NextAttemptAt });
        // The manager's list, newest first.
        builder.HasIndex(m => new { m.TenantId, m.Id });
    }
}

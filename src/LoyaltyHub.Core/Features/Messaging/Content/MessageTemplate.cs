using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// A tenant's own wording of one message: event × channel × language. Without a row, the default
/// shipped in assets/templates applies (<see cref="DefaultTemplates"/>); deleting the row goes back to it.
/// Variables are stored in canonical form (<c>{{first_name}}</c>), aliases rewritten on save.
/// </summary>
public sealed class MessageTemplate : ITenantOwned
{
    public const int SubjectMax = 200;
    public const int SmsBodyMax = 1000;
    public const int EmailBodyMax = 50_000;

    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public MessageEvent Event { get; set; }

    public MessageChannel Channel { get; set; }

    /// <summary>en, fr, it or ru.</summary>
    public required string Language { get; set; }

    /// <summary>Email only.</summary>
    public string? Subject { get; set; }

    /// <summary>The SMS text, or the email's HTML.</summary>
    public required string Body { get; set; }

    /// <summary>The email's plain-text part; null derives it from the HTML.</summary>
    public string? TextBody { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.Property(t => t.Event).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMax);
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.EmailBodyMax);
        builder.Property(t => t.TextBody).HasMaxLength(MessageTemplate.EmailBodyMax);
        builder.HasIndex(t => new { t.TenantId, t.Event, t.Channel, t.Language }).IsUnique();
    }
}

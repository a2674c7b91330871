using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>
/// An email kept in the development outbox instead of being sent: what a machine with no mail
/// server shows in the app, so activation and reset links work anywhere.
/// </summary>
[GlobalEntity("Development outbox: holds platform mail too (tenant may be null); the page filters by tenant for managers.")]
public sealed class DevMail
{
    public long Id { get; set; }

    public Guid? TenantId { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    public string? FromName { get; set; }

    public string? ReplyTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class DevMailConfiguration : IEntityTypeConfiguration<DevMail>
{
    public void Configure(EntityTypeBuilder<DevMail> builder)
    {
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.FromName).HasMaxLength(200);
        builder.Property(m => m.ReplyTo).HasMaxLength(320);
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
    }
}

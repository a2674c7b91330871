using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Messaging.Gateways;

/// <summary>An SMS kept in the development outbox instead of being sent (no SMS provider configured).</summary>
[GlobalEntity("Development outbox, like DevMail: written by the gateway from any dispatcher scope; the pages filter by tenant for managers.")]
public sealed class DevSms
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The outbox row it stands for.</summary>
    public long OutboxId { get; set; }

    public required string To { get; set; }

    public required string Sender { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class DevSmsConfiguration : IEntityTypeConfiguration<DevSms>
{
    public void Configure(EntityTypeBuilder<DevSms> builder)
    {
        builder.ToTable("DevSms");
        builder.Property(m => m.To).HasMaxLength(32);
        builder.Property(m => m.Sender).HasMaxLength(32);
        builder.Property(m => m.Body).HasMaxLength(2000);
        builder.HasIndex(m => new { m.TenantId, m.CreatedAt });
    }
}

/// <summary>With no SMS provider configured: every SMS lands in the development outbox; nothing leaves the machine.</summary>
internal sealed class DevOutboxSmsGateway(IDbContextFactory<AppDbContext> dbFactory, IOptions<SmsOptions> options, TimeProvider clock) : ISmsGateway
{
    public string Name => SmsGatewayNames.DevOutbox;

    public async Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        // The same sender rule as the real gateways, so a bad sender shows up before going live.
        var sender = SmsSenderId.Resolve(sms.Sender, options.Value.DefaultSender);
        if (sender is null)
        {
            return SmsSenderId.Rejection(sms.Sender);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new DevSms
        {
            TenantId = sms.TenantId,
            OutboxId = sms.OutboxId,
            To = sms.To,
            Sender = sender,
            Body = sms.Body,
            CreatedAt = clock.GetUtcNow(),
        };
        db.DevSms.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return GatewayResult.Accepted($"dev-sms-{row.Id}");
    }
}

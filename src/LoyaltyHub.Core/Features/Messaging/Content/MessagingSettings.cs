using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// A tenant's sending settings (SPEC §7): one row, created by the first save; until then the
/// defaults of this class apply. Live mode starts off, so nothing reaches a customer before the
/// merchant has tried the messages (seed 000).
/// </summary>
public sealed class MessagingSettings : ITenantOwned
{
    public const int SenderNameMax = 11;
    public const int FromNameMax = 100;
    public const int EmailMax = 254;
    public const int StopMentionMax = 60;

    public int Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Alphanumeric sender shown on the phone (at most 11 characters); null with a sender number or the gateway's default.</summary>
    public string? SmsSenderName { get; set; }

    /// <summary>E.164; used when there is no sender name.</summary>
    public string? SmsSenderNumber { get; set; }

    /// <summary>E.164: where merchant alerts go.</summary>
    public string? MerchantMobile { get; set; }

    public string? EmailFromName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>The opt-out mention of SMS, such as "STOP au 36xxx" (seed 002's "GDPR STOP").</summary>
    public string? StopMention { get; set; }

    public bool AppendStopMention { get; set; }

    /// <summary>Off: customer messages are recorded "test, not sent"; merchant alerts and test sends still go.</summary>
    public bool LiveMode { get; set; }

    /// <summary>The one switch for every automatic message.</summary>
    public bool AutomaticMessagesEnabled { get; set; } = true;
}

/// <summary>One automatic message switched on or off, and its channels. Without a row the event's defaults apply.</summary>
public sealed class MessageEventSetting : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public MessageEvent Event { get; set; }

    public bool Enabled { get; set; }

    public bool Sms { get; set; }

    public bool Email { get; set; }

    public MessageEventSwitch ToSwitch() => new(Enabled, Sms, Email);

    public static MessageEventSetting Default(MessageEventInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new() { Event = info.Event, Enabled = info.EnabledByDefault, Sms = info.SmsByDefault, Email = info.EmailByDefault };
    }
}

internal sealed class MessagingSettingsConfiguration : IEntityTypeConfiguration<MessagingSettings>
{
    public void Configure(EntityTypeBuilder<MessagingSettings> builder)
    {
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.Property(s => s.SmsSenderName).HasMaxLength(MessagingSettings.SenderNameMax);
        builder.Property(s => s.SmsSenderNumber).HasMaxLength(PhoneNumbers.MaxLength);
        builder.Property(s => s.MerchantMobile).HasMaxLength(PhoneNumbers.MaxLength);
        builder.Property(s => s.EmailFromName).HasMaxLength(MessagingSettings.FromNameMax);
        builder.Property(s => s.ReplyTo).HasMaxLength(MessagingSettings.EmailMax);
        builder.Property(s => s.StopMention).HasMaxLength(MessagingSettings.StopMentionMax);
    }
}

internal sealed class MessageEventSettingConfiguration : IEntityTypeConfiguration<MessageEventSetting>
{
    public void Configure(EntityTypeBuilder<MessageEventSetting> builder)
    {
        builder.ToTable("MessageEventSettings");
        builder.Property(s => s.Event).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(s => new { s.TenantId, s.Event }).IsUnique();
    }
}

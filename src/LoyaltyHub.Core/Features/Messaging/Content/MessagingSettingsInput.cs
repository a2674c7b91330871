using System.ComponentModel.DataAnnotations;
using static LoyaltyHub.Core.Common.TextValues;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>The messaging settings form. Phone numbers are typed freely; the service normalises them to E.164.</summary>
public sealed class MessagingSettingsInput
{
    public const string SenderNameMessage = "The sender name has 1 to 11 letters, digits or spaces, with at least one letter.";
    public const string SenderBothMessage = "Use a sender name or a sender number, not both.";
    public const string StopMentionNeededMessage = "Write the STOP mention to append, such as \"STOP au 36xxx\".";

    [RegularExpression(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$", ErrorMessage = SenderNameMessage)]
    public string? SmsSenderName { get => senderName; set => senderName = TrimOrNull(value); }

    [StringLength(32, ErrorMessage = "The sender number is at most 32 characters.")]
    public string? SmsSenderNumber { get => senderNumber; set => senderNumber = TrimOrNull(value); }

    [StringLength(32, ErrorMessage = "The mobile number is at most 32 characters.")]
    public string? MerchantMobile { get => merchantMobile; set => merchantMobile = TrimOrNull(value); }

    [StringLength(MessagingSettings.FromNameMax, ErrorMessage = "The sender's name is at most 100 characters.")]
    [RegularExpression(@"^[^\r\n\t]*$", ErrorMessage = "The sender's name is one line.")]
    public string? EmailFromName { get => fromName; set => fromName = TrimOrNull(value); }

    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(MessagingSettings.EmailMax, ErrorMessage = "The email is at most 254 characters.")]
    public string? ReplyTo { get => replyTo; set => replyTo = TrimOrNull(value); }

    [StringLength(MessagingSettings.StopMentionMax, ErrorMessage = "The STOP mention is at most 60 characters.")]
    [RegularExpression(@"^[^\r\n]*$", ErrorMessage = "The STOP mention is one line.")]
    public string? StopMention { get => stopMention; set => stopMention = TrimOrNull(value); }

    public bool AppendStopMention { get; set; }

    public bool LiveMode { get; set; }

    public bool AutomaticMessagesEnabled { get; set; } = true;

    /// <summary>Every event of <see cref="MessageEvents.All"/>, in that order.</summary>
    public List<MessageEventSettingInput> Events { get; set; } = [];

    private string? senderName;
    private string? senderNumber;
    private string? merchantMobile;
    private string? fromName;
    private string? replyTo;
    private string? stopMention;

    /// <summary>
    /// Rules between fields, checked by the service next to the attributes (IValidatableObject
    /// would only run once every field is valid, hiding these behind the first typo).
    /// </summary>
    internal IEnumerable<(string Field, string Message)> Conflicts()
    {
        if (SmsSenderName is not null && SmsSenderNumber is not null)
        {
            yield return (nameof(SmsSenderNumber), SenderBothMessage);
        }

        if (AppendStopMention && StopMention is null)
        {
            yield return (nameof(StopMention), StopMentionNeededMessage);
        }
    }

    public static MessagingSettingsInput From(MessagingSettings settings, IEnumerable<MessageEventSetting> events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var saved = events.ToDictionary(e => e.Event);
        return new()
        {
            SmsSenderName = settings.SmsSenderName,
            SmsSenderNumber = settings.SmsSenderNumber,
            MerchantMobile = settings.MerchantMobile,
            EmailFromName = settings.EmailFromName,
            ReplyTo = settings.ReplyTo,
            StopMention = settings.StopMention,
            AppendStopMention = settings.AppendStopMention,
            LiveMode = settings.LiveMode,
            AutomaticMessagesEnabled = settings.AutomaticMessagesEnabled,
            Events = MessageEvents.All.Select(info => MessageEventSettingInput.From(info, saved.GetValueOrDefault(info.Event))).ToList(),
        };
    }

}

/// <summary>One row of the automatic messages table.</summary>
public sealed class MessageEventSettingInput
{
    public MessageEvent Event { get; set; }

    public bool Enabled { get; set; }

    public bool Sms { get; set; }

    public bool Email { get; set; }

    public MessageEventInfo Info => MessageEvents.Get(Event);

    public static MessageEventSettingInput From(MessageEventInfo info, MessageEventSetting? saved)
    {
        var setting = saved ?? MessageEventSetting.Default(info);
        return new() { Event = info.Event, Enabled = setting.Enabled, Sms = setting.Sms, Email = setting.Email };
    }
}

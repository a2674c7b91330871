using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Core.Features.Messaging.Automatic;

/// <summary>Who a customer message goes to: the phone for SMS, the email for email, in their language.</summary>
public sealed record MessageRecipient(int? CustomerId, string? Phone, string? Email, string? Language);

/// <summary>What queuing an automatic message did, per channel.</summary>
/// <param name="Queued">Channels that got a new outbox row.</param>
/// <param name="AlreadyQueued">Channels whose row an earlier delivery of the same event had written.</param>
/// <param name="Problem">Why nothing was queued, in words for the person who asked, or null.</param>
public sealed record AutomaticOutcome(IReadOnlyList<MessageChannel> Queued, IReadOnlyList<MessageChannel> AlreadyQueued, string? Problem)
{
    public bool Any => Queued.Count > 0 || AlreadyQueued.Count > 0;
}

/// <summary>
/// The automatic messages of SPEC §8. Given an event, its subject and recipient, applies the
/// tenant's settings (the one switch, the event's on/off and channels), renders each message with
/// the template of the recipient's language and queues one outbox row per recipient and channel in
/// the caller's context and transaction. The idempotency key is event + subject + channel +
/// recipient, so an event delivered twice sends once. Merchant alerts go to the merchant's mobile
/// from the settings and are skipped without one. Consent and suppression are the outbox's
/// (its gate checks them again at send time); service messages need no marketing consent.
/// A message that cannot be queued (credits exhausted) never fails its cause: it is reported in the
/// outcome and logged, and the tenant's channel is skipped for a short while (see
/// <see cref="MessagingSnapshots.Refused"/>) rather than failing again on every event.
/// </summary>
public sealed partial class AutomaticMessages(
    MessagingSnapshots snapshots, IMessageOutbox outbox, ILogger<AutomaticMessages> logger, IPublicLinks? links = null)
{
    public ValueTask<MessagingSnapshot> SnapshotAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        snapshots.GetAsync(db, cancellationToken);

    /// <param name="subjectId">What the event is about, unique for the event ("order 42 shipped" → "42:Shipped").</param>
    /// <param name="to">The customer; ignored for merchant alerts.</param>
    public async Task<AutomaticOutcome> QueueAsync(
        AppDbContext db, MessageEvent messageEvent, string subjectId, MessageRecipient? to, TemplateData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        var snapshot = await snapshots.GetAsync(db, cancellationToken);
        var tenantId = db.CurrentTenantId!.Value;
        var info = MessageEvents.Get(messageEvent);
        var settings = snapshot.Settings;
        if (!settings.AutomaticMessagesEnabled)
        {
            return Nothing("Automatic messages are turned off in Messages → Settings.");
        }

        var channels = info.Channels.Where(c => settings.Sends(messageEvent, c)).ToList();
        if (channels.Count == 0)
        {
            return Nothing($"\"{info.Title}\" is turned off in Messages → Settings.");
        }

        var filled = data with
        {
            ShopUrl = data.ShopUrl ?? links?.Absolute($"me/{snapshot.Slug}"),
            ShopPhone = data.ShopPhone ?? snapshot.Phone,
        };
        var queued = new List<MessageChannel>();
        var already = new List<MessageChannel>();
        string? problem = null;
        foreach (var channel in channels)
        {
            var (address, language) = info.ToMerchant
                ? (settings.MerchantMobile, snapshot.Language)
                : (channel == MessageChannel.Sms ? to?.Phone : to?.Email, MessageLanguages.Normalize(to?.Language ?? snapshot.Language));
            if (string.IsNullOrWhiteSpace(address))
            {
                continue;
            }

            if (snapshots.Refusal(tenantId, channel) is { } refused)
            {
                problem = refused;
                continue;
            }

            var message = MessageComposer.Render(
                snapshot.Template(messageEvent, channel, language), channel, language, filled, settings.StopMentionFor(info.Kind));
            var request = new QueuedMessageRequest(
                channel, info.Kind, Key(info, subjectId, channel, address), address, message.Subject, message.Body, message.TextBody)
            {
                CustomerId = info.ToMerchant ? null : to?.CustomerId,
                Source = info.Key,
            };
            var result = await outbox.QueueAsync(db, [request], cancellationToken);
            if (!result.Succeeded)
            {
                problem = string.Join(" ", result.Errors.Values.SelectMany(e => e));
                if (snapshots.Refused(tenantId, channel, problem))
                {
                    LogNotQueued(logger, info.Key, subjectId, channel, problem, MessagingSnapshots.Lifetime.TotalSeconds);
                }
            }
            else if (result.Value!.Queued > 0)
            {
                queued.Add(channel);
            }
            else
            {
                already.Add(channel);
            }
        }

        problem ??= queued.Count + already.Count == 0
            ? info.ToMerchant ? "There is no mobile number for alerts in Messages → Settings." : NoAddress(info, channels)
            : null;
        return new AutomaticOutcome(queued, already, problem);
    }

    /// <summary>Which address the customer lacks for the channels the merchant chose for the event.</summary>
    private static string NoAddress(MessageEventInfo info, IReadOnlyList<MessageChannel> channels)
    {
        var wanted = string.Join(" or ", channels.Select(c => c == MessageChannel.Sms ? "mobile number" : "email address"));
        return $"There is no {wanted} to send \"{info.Title}\" to (its channels are chosen in Messages → Settings).";
    }

    /// <summary>
    /// "new_order:42:Sms:+33612345678". A recipient that would make the key too long (a long
    /// email) is replaced by its SHA-256, which names it as surely.
    /// </summary>
    public static string Key(MessageEventInfo info, string subjectId, MessageChannel channel, string recipient)
    {
        ArgumentNullException.ThrowIfNull(info);
        var key = string.Create(CultureInfo.InvariantCulture, $"{info.Key}:{subjectId}:{channel}:{recipient}");
        return key.Length <= OutboxMessage.KeyMax ? key
            : string.Create(CultureInfo.InvariantCulture, $"{info.Key}:{subjectId}:{channel}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient)))}");
    }

    /// <summary>The key prefix of every message of one event about one subject.</summary>
    public static string KeyPrefix(MessageEventInfo info, string subjectId)
    {
        ArgumentNullException.ThrowIfNull(info);
        return $"{info.Key}:{subjectId}:";
    }

    private static AutomaticOutcome Nothing(string problem) => new([], [], problem);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Automatic message {Event} about {Subject} by {Channel} was not queued: {Problem} The tenant's automatic messages on that channel are skipped for the next {Seconds} s.")]
    private static partial void LogNotQueued(ILogger logger, string @event, string subject, MessageChannel channel, string problem, double seconds);
}

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

/// <summary>One automatic message to queue: the event, what it is about (unique for the event), the customer (ignored for merchant alerts) and the template's data.</summary>
public sealed record AutomaticEvent(MessageEvent Event, string SubjectId, MessageRecipient? To, TemplateData Data);

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
        var plan = Plan(snapshot, tenantId, new AutomaticEvent(messageEvent, subjectId, to, data));
        if (plan.Nothing is { } nothing)
        {
            return nothing;
        }

        var queued = new List<MessageChannel>();
        var already = new List<MessageChannel>();
        var problem = plan.Problem;
        foreach (var request in plan.Messages)
        {
            var result = await outbox.QueueAsync(db, [request], cancellationToken);
            if (!result.Succeeded)
            {
                problem = string.Join(" ", result.Errors.Values.SelectMany(e => e));
                if (snapshots.Refused(tenantId, request.Channel, problem))
                {
                    LogNotQueued(logger, plan.Info.Key, subjectId, request.Channel, problem, MessagingSnapshots.Lifetime.TotalSeconds);
                }
            }
            else if (result.Value!.Queued > 0)
            {
                queued.Add(request.Channel);
            }
            else
            {
                already.Add(request.Channel);
            }
        }

        problem ??= queued.Count + already.Count == 0
            ? plan.Info.ToMerchant ? "There is no mobile number for alerts in Messages → Settings." : NoAddress(plan.Info, plan.Channels)
            : null;
        return new AutomaticOutcome(queued, already, problem);
    }

    /// <summary>
    /// The messages of several events of one cause (a new order: the merchant's alert and the
    /// customer's message) in one outbox call, so the credits of each channel are reserved once
    /// rather than once per message. When the outbox refuses them together (a channel short of
    /// credits), each event is queued on its own as <see cref="QueueAsync(AppDbContext, MessageEvent, string, MessageRecipient?, TemplateData, CancellationToken)"/>
    /// does, so the other channels still go and the refusal is remembered and logged.
    /// </summary>
    public async Task QueueTogetherAsync(AppDbContext db, IReadOnlyList<AutomaticEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var snapshot = await snapshots.GetAsync(db, cancellationToken);
        var tenantId = db.CurrentTenantId!.Value;
        var messages = events.SelectMany(e => Plan(snapshot, tenantId, e).Messages).ToList();
        if (messages.Count == 0 || (await outbox.QueueAsync(db, messages, cancellationToken)).Succeeded)
        {
            return;
        }

        foreach (var e in events)
        {
            await QueueAsync(db, e.Event, e.SubjectId, e.To, e.Data, cancellationToken);
        }
    }

    /// <summary>What the tenant's settings make of one event: its rendered messages, or why there are none.</summary>
    private sealed record EventPlan(
        MessageEventInfo Info, IReadOnlyList<MessageChannel> Channels, List<QueuedMessageRequest> Messages, string? Problem, AutomaticOutcome? Nothing);

    private EventPlan Plan(MessagingSnapshot snapshot, Guid tenantId, AutomaticEvent e)
    {
        ArgumentNullException.ThrowIfNull(e.Data);
        var info = MessageEvents.Get(e.Event);
        var settings = snapshot.Settings;
        if (!settings.AutomaticMessagesEnabled)
        {
            return new(info, [], [], null, Nothing("Automatic messages are turned off in Messages → Settings."));
        }

        var channels = info.Channels.Where(c => settings.Sends(e.Event, c)).ToList();
        if (channels.Count == 0)
        {
            return new(info, channels, [], null, Nothing($"\"{info.Title}\" is turned off in Messages → Settings."));
        }

        var filled = e.Data with
        {
            ShopUrl = e.Data.ShopUrl ?? links?.Absolute($"me/{snapshot.Slug}"),
            ShopPhone = e.Data.ShopPhone ?? snapshot.Phone,
        };
        var messages = new List<QueuedMessageRequest>();
        string? problem = null;
        foreach (var channel in channels)
        {
            var (address, language) = info.ToMerchant
                ? (settings.MerchantMobile, snapshot.Language)
                : (channel == MessageChannel.Sms ? e.To?.Phone : e.To?.Email, MessageLanguages.Normalize(e.To?.Language ?? snapshot.Language));
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
                snapshot.Template(e.Event, channel, language), channel, language, filled, settings.StopMentionFor(info.Kind));
            messages.Add(new QueuedMessageRequest(
                channel, info.Kind, Key(info, e.SubjectId, channel, address), address, message.Subject, message.Body, message.TextBody)
            {
                CustomerId = info.ToMerchant ? null : e.To?.CustomerId,
                Source = info.Key,
            });
        }

        return new(info, channels, messages, problem, null);
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

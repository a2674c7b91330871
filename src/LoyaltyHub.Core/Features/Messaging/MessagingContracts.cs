namespace LoyaltyHub.Core.Features.Messaging;

// The seams between the parts of the messaging engine (SPEC §7, §10; ARCHITECTURE §3 "Messages"):
// content (templates, SMS length) renders, the outbox queues and dispatches, gateways deliver,
// consent decides. Each part depends only on these types.

public enum MessageChannel
{
    Sms = 1,
    Email = 2,
}

/// <summary>Why a message is sent, which decides consent (SPEC §7 message types).</summary>
public enum MessageKind
{
    /// <summary>Transactional (order, order ready, points, gift card): sent without marketing consent.</summary>
    Service = 1,

    /// <summary>Marketing: never sent without consent for the channel, never to a suppressed recipient.</summary>
    Promotional = 2,

    /// <summary>To the merchant (alerts, test sends): sent even when live mode is off.</summary>
    MerchantAlert = 3,
}

/// <summary>One rendered message to put in the outbox.</summary>
/// <param name="IdempotencyKey">Event + rule + recipient: queuing the same key twice keeps one row.</param>
/// <param name="Recipient">E.164 phone for SMS, email address for email.</param>
/// <param name="Subject">Email subject; null for SMS.</param>
/// <param name="Body">SMS text, or the email's HTML.</param>
/// <param name="TextBody">The email's plain-text part; null for SMS.</param>
public sealed record QueuedMessageRequest(
    MessageChannel Channel,
    MessageKind Kind,
    string IdempotencyKey,
    string Recipient,
    string? Subject,
    string Body,
    string? TextBody)
{
    public int? CustomerId { get; init; }

    /// <summary>The event or campaign that caused it, for the outbox list ("order_ready", "test").</summary>
    public string Source { get; init; } = "";

    /// <summary>A test send: marked as such and never counted as a customer message.</summary>
    public bool IsTest { get; init; }
}

/// <summary>What one delivery attempt through a gateway ended in.</summary>
public enum DeliveryOutcome
{
    /// <summary>The provider took the message; <see cref="GatewayResult.ProviderMessageId"/> is set.</summary>
    Accepted = 1,

    /// <summary>The provider certainly did not take it (refused connection, 429, 503): safe to try again.</summary>
    Retryable = 2,

    /// <summary>It will never be taken (invalid number, bad credentials): fail and refund.</summary>
    Rejected = 3,

    /// <summary>The request may have been accepted (timeout after sending): never retried blindly.</summary>
    Unknown = 4,
}

public sealed record GatewayResult(DeliveryOutcome Outcome, string? ProviderMessageId = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static GatewayResult Accepted(string providerMessageId) => new(DeliveryOutcome.Accepted, providerMessageId);
}

/// <param name="OutboxId">Unique per message: the gateway's idempotency key and the status-callback reference.</param>
/// <param name="Sender">Alphanumeric sender name (at most 11 characters) or number.</param>
public sealed record SmsToSend(Guid TenantId, long OutboxId, string To, string Sender, string Body);

/// <param name="UnsubscribeUrl">Set on promotional email: becomes List-Unsubscribe (https) with one-click POST.</param>
public sealed record EmailToSend(
    Guid TenantId, long OutboxId, string To, string Subject, string HtmlBody, string TextBody, string FromName, string? ReplyTo)
{
    public Uri? UnsubscribeUrl { get; init; }

    public string? UnsubscribeMailto { get; init; }
}

public interface ISmsGateway
{
    /// <summary>Short name stored on the outbox row and used for its rate limit ("twilio", "webhook", "dev").</summary>
    string Name { get; }

    /// <summary>
    /// True when the provider deduplicates by <c>OutboxId</c> (sent as its idempotency key): a
    /// request whose answer was lost may then be repeated safely. False (Twilio, SMTP): an
    /// <see cref="DeliveryOutcome.Unknown"/> is never repeated.
    /// </summary>
    bool HonoursIdempotencyKey => false;

    Task<GatewayResult> SendAsync(SmsToSend sms, CancellationToken cancellationToken);
}

public interface IEmailGateway
{
    string Name { get; }

    /// <summary>
    /// True when the provider deduplicates by <c>OutboxId</c> (sent as its idempotency key): a
    /// request whose answer was lost may then be repeated safely. False (Twilio, SMTP): an
    /// <see cref="DeliveryOutcome.Unknown"/> is never repeated.
    /// </summary>
    bool HonoursIdempotencyKey => false;

    Task<GatewayResult> SendAsync(EmailToSend email, CancellationToken cancellationToken);
}

public enum ReceiptStatus
{
    Delivered = 1,
    Failed = 2,
    Bounced = 3,
}

/// <summary>Applies a provider's delivery receipt to the outbox row it names.</summary>
public interface IDeliveryReceipts
{
    /// <returns>False when no message of that gateway carries that provider id.</returns>
    Task<bool> ApplyAsync(string gateway, string providerMessageId, ReceiptStatus status, string? error, CancellationToken cancellationToken);
}

/// <summary>Handles an SMS a customer sent to a tenant (STOP / START keywords).</summary>
public interface IInboundSmsHandler
{
    Task HandleAsync(Guid tenantId, string fromNumber, string body, CancellationToken cancellationToken);
}

/// <summary>Decides, at queue time and again at send time, whether a recipient may receive a message.</summary>
public interface IConsentGate
{
    Task<bool> MaySendAsync(Guid tenantId, MessageChannel channel, MessageKind kind, string recipient, int? customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The same decision for many messages of one tenant at once (the dispatcher's send-time check of
    /// a claimed batch); the answer at index i is for <paramref name="messages"/>[i].
    /// </summary>
    async Task<IReadOnlyList<bool>> MaySendAsync(Guid tenantId, IReadOnlyList<ConsentQuestion> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var answers = new bool[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            answers[i] = await MaySendAsync(tenantId, m.Channel, m.Kind, m.Recipient, m.CustomerId, cancellationToken);
        }

        return answers;
    }
}

/// <summary>One message whose consent <see cref="IConsentGate"/> decides.</summary>
public sealed record ConsentQuestion(MessageChannel Channel, MessageKind Kind, string Recipient, int? CustomerId);

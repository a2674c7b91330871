namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Credits one queued message costs (SPEC §7): an email 1, an SMS one per segment (one
/// recipient per outbox row, so segments × recipients over a batch).
/// </summary>
internal static class MessageCost
{
    public static int Of(QueuedMessageRequest message) =>
        message.Channel == MessageChannel.Sms ? Content.SmsLength.Measure(message.Body).Segments : 1;
}

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Credits one queued message costs (SPEC §7): an email 1, an SMS one per segment (one
/// recipient per outbox row, so segments × recipients over a batch).
/// </summary>
internal static class MessageCost
{
    public static int Of(QueuedMessageRequest message) =>
        message.Channel == MessageChannel.Sms ? Segments(message.Body) : 1;

    // PLACEHOLDER — replace with the shared SmsLength service (Messaging/Content) once it lands:
    // a minimal GSM-7 / UCS-2 segment count so that the outbox can charge before it exists.
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    internal static int Segments(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else
            {
                // UCS-2: 70 UTF-16 units in one segment, 67 per segment when split.
                return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
            }
        }

        return septets <= 160 ? 1 : (septets + 152) / 153;
    }
}

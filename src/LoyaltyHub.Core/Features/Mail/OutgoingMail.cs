namespace LoyaltyHub.Core.Features.Mail;

/// <summary>One email to send: already rendered, HTML with a plain-text alternative.</summary>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody, string TextBody)
{
    /// <summary>The merchant the mail is sent for; null for platform mail.</summary>
    public Guid? TenantId { get; init; }

    public string? FromName { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>
    /// Promotional mail: the https one-click unsubscribe address. It becomes <c>List-Unsubscribe</c>
    /// with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058).
    /// </summary>
    public Uri? UnsubscribeUrl { get; init; }

    /// <summary>The mailto alternative in <c>List-Unsubscribe</c>, e.g. "unsubscribe+token@example.com".</summary>
    public string? UnsubscribeMailto { get; init; }

    /// <summary>The Message-ID without angle brackets; bounces quote it, so it names the outbox row.</summary>
    public string? MessageId { get; init; }

    /// <summary>Rejects CR/LF in anything that becomes a header (header injection).</summary>
    public void EnsureHeadersAreSafe()
    {
        if (FindUnsafeHeader() is { } error)
        {
            throw new ArgumentException(error, nameof(OutgoingMail));
        }
    }

    /// <summary>Why a header value would be unsafe to write (line break, non-https unsubscribe link); null when all are safe.</summary>
    public string? FindUnsafeHeader()
    {
        foreach (var (name, value) in new[]
        {
            ("To", To), ("Subject", Subject), ("From name", FromName), ("Reply-To", ReplyTo),
            ("Unsubscribe mailto", UnsubscribeMailto), ("Message-ID", MessageId), ("Unsubscribe URL", UnsubscribeUrl?.OriginalString),
        })
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                return $"{name} must not contain line breaks.";
            }
        }

        // RFC 8058: the one-click POST target must be https; a relative or plain-http link is a bug upstream.
        if (UnsubscribeUrl is not null && (!UnsubscribeUrl.IsAbsoluteUri || UnsubscribeUrl.Scheme != Uri.UriSchemeHttps))
        {
            return "Unsubscribe URL must be an absolute https address.";
        }

        // '>' or ',' would end the bracketed URI early in List-Unsubscribe / Message-ID.
        foreach (var (name, value) in new[] { ("Unsubscribe mailto", UnsubscribeMailto), ("Message-ID", MessageId) })
        {
            if (value is not null && value.AsSpan().IndexOfAny("<>, ") >= 0)
            {
                return $"{name} must not contain '<', '>', ',' or spaces.";
            }
        }

        return null;
    }
}

/// <summary>Sends email: over SMTP when configured, otherwise into the development outbox.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

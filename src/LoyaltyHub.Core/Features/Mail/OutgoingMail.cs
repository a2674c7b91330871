namespace LoyaltyHub.Core.Features.Mail;

/// <summary>One email to send: already rendered, HTML with a plain-text alternative.</summary>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody, string TextBody)
{
    /// <summary>The merchant the mail is sent for; null for platform mail.</summary>
    public Guid? TenantId { get; init; }

    public string? FromName { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>Rejects CR/LF in anything that becomes a header (header injection).</summary>
    public void EnsureHeadersAreSafe()
    {
        foreach (var (name, value) in new[] { ("To", To), ("Subject", Subject), ("From name", FromName), ("Reply-To", ReplyTo) })
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"{name} must not contain line breaks.", nameof(OutgoingMail));
            }
        }
    }
}

/// <summary>Sends email: over SMTP when configured, otherwise into the development outbox.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

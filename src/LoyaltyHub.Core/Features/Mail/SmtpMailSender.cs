using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>SMTP settings (section <c>Smtp</c>). Mail goes over SMTP only when Host is set.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@loyaltyhub.local";
    public string FromName { get; set; } = "LoyaltyHub";

    /// <summary>How long one message may take, connection to final answer.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>At most this many messages a second through the messaging gateway; 0 = no limit.</summary>
    public int RatePerSecond { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends account mail through an SMTP server with System.Net.Mail (no mail library is in the feed).</summary>
internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.EnsureHeadersAreSafe();
        var settings = options.Value;
        using var message = SmtpMessages.Build(mail, settings);
        using var client = SmtpMessages.CreateClient(settings);
        await client.SendMailAsync(message, cancellationToken);
    }
}

using System.Net;
using System.Net.Mail;
using System.Net.Mime;
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

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends through an SMTP server with System.Net.Mail (no mail library is in the feed).</summary>
internal sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.EnsureHeadersAreSafe();
        var settings = options.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(settings.FromAddress, mail.FromName ?? settings.FromName),
            Subject = mail.Subject,
            Body = mail.TextBody,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To));
        if (mail.ReplyTo is not null)
        {
            message.ReplyToList.Add(new MailAddress(mail.ReplyTo));
        }

        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(mail.HtmlBody, null, MediaTypeNames.Text.Html));

        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}

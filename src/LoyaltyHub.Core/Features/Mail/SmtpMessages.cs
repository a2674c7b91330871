using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>
/// The one place that turns an <see cref="OutgoingMail"/> into a System.Net.Mail message and opens
/// the SMTP client: account mail and the messaging gateway send exactly the same shape.
/// </summary>
internal static class SmtpMessages
{
    /// <summary>
    /// multipart/alternative with the plain text first and the HTML last (the part a client
    /// prefers), the tenant's From name on the platform's address, Reply-To, Message-ID and, on
    /// promotional mail, the RFC 8058 unsubscribe headers. Call <see cref="OutgoingMail.FindUnsafeHeader"/>
    /// first; an invalid address throws <see cref="FormatException"/>.
    /// </summary>
    public static MailMessage Build(OutgoingMail mail, SmtpOptions settings)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(settings);
        var message = new MailMessage
        {
            From = new MailAddress(settings.FromAddress, mail.FromName ?? settings.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = mail.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        try
        {
            message.To.Add(new MailAddress(mail.To));
            if (mail.ReplyTo is not null)
            {
                message.ReplyToList.Add(new MailAddress(mail.ReplyTo));
            }

            var html = AlternateView.CreateAlternateViewFromString(mail.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
            html.TransferEncoding = TransferEncoding.QuotedPrintable;
            message.AlternateViews.Add(html);
            if (mail.MessageId is not null)
            {
                message.Headers.Add("Message-ID", $"<{mail.MessageId}>");
            }

            if (mail.UnsubscribeUrl is not null)
            {
                var targets = mail.UnsubscribeMailto is null
                    ? $"<{mail.UnsubscribeUrl.AbsoluteUri}>"
                    : $"<{mail.UnsubscribeUrl.AbsoluteUri}>, <mailto:{mail.UnsubscribeMailto}>";
                message.Headers.Add("List-Unsubscribe", targets);
                message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public static SmtpClient CreateClient(SmtpOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Timeout also bounds SendMailAsync; its cancellation token is not honoured mid-conversation.
        var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = (int)TimeSpan.FromSeconds(settings.TimeoutSeconds).TotalMilliseconds,
        };
        if (settings.UserName is not null)
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        return client;
    }
}

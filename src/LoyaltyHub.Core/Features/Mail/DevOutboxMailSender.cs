using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>Keeps every email in the database; nothing leaves the machine.</summary>
internal sealed class DevOutboxMailSender(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.EnsureHeadersAreSafe();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.DevMails.Add(new DevMail
        {
            TenantId = mail.TenantId,
            To = mail.To,
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            TextBody = mail.TextBody,
            FromName = mail.FromName,
            ReplyTo = mail.ReplyTo,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

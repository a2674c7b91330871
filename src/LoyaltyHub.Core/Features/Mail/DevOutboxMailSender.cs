using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Mail;

/// <summary>Keeps every email in the database; nothing leaves the machine.</summary>
internal sealed class DevOutboxMailSender(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IMailSender
{
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) => StoreAsync(mail, cancellationToken);

    /// <returns>The id of the <see cref="DevMail"/> row.</returns>
    public async Task<long> StoreAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        mail.EnsureHeadersAreSafe();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new DevMail
        {
            TenantId = mail.TenantId,
            To = mail.To,
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            TextBody = mail.TextBody,
            FromName = mail.FromName,
            ReplyTo = mail.ReplyTo,
            CreatedAt = clock.GetUtcNow(),
        };
        db.DevMails.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }
}

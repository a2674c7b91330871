using System.Net;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// Where the editor's "send test" goes. It takes the same request the outbox will, so that when
/// the outbox is merged this becomes a one-line adapter over it (queue, reserve credits, send),
/// and the development implementation below is deleted.
/// </summary>
public interface ITestMessageSender
{
    Task SendAsync(QueuedMessageRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// Until the outbox exists: email goes through <see cref="IMailSender"/> (the development outbox
/// on a machine without SMTP) with the tenant's from-name and reply-to, and an SMS is recorded in
/// the development outbox addressed to the phone, never sent, so the manager can read what would
/// have gone. Nothing costs credits yet.
/// </summary>
internal sealed class DevTestMessageSender(
    IMailSender mail, MessagingSettingsService settings, IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, TimeProvider clock)
    : ITestMessageSender
{
    public async Task SendAsync(QueuedMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Channel == MessageChannel.Email)
        {
            var view = await settings.ViewAsync(cancellationToken);
            await mail.SendAsync(new OutgoingMail(request.Recipient, $"[Test] {request.Subject}", request.Body, request.TextBody ?? "")
            {
                TenantId = tenant.TenantId,
                FromName = view.EmailFromName,
                ReplyTo = view.ReplyTo,
            }, cancellationToken);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.DevMails.Add(new DevMail
        {
            TenantId = tenant.TenantId,
            To = request.Recipient,
            Subject = $"[Test SMS] to {request.Recipient}",
            HtmlBody = $"<pre>{WebUtility.HtmlEncode(request.Body)}</pre>",
            TextBody = request.Body,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

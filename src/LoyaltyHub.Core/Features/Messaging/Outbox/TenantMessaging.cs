using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Content;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// The tenant's live-mode switch (SPEC §7): off → customer messages are recorded "test, not sent";
/// merchant alerts and test sends still go. Resolved in a scope acting for the tenant.
/// </summary>
public interface ILiveMode
{
    Task<bool> IsLiveAsync(CancellationToken cancellationToken);
}

/// <summary>Who a tenant's messages come from: SMS sender name or number, email from-name and reply-to.</summary>
public sealed record SenderIdentity(string SmsSender, string FromName, string? ReplyTo);

/// <summary>Resolved in a scope acting for the tenant.</summary>
public interface ISenderIdentities
{
    Task<SenderIdentity> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The tenant's live-mode switch from its messaging settings (off until the merchant turns it on).</summary>
internal sealed class SettingsLiveMode(IDbContextFactory<AppDbContext> dbFactory) : ILiveMode
{
    public async Task<bool> IsLiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<MessagingSettings>().AsNoTracking().Select(s => s.LiveMode).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>
/// The sender of the tenant's messaging settings: the SMS sender name, else its number, else
/// empty (the gateway's platform default); the email from-name, else the tenant's name; the reply-to.
/// </summary>
internal sealed class SettingsSenderIdentities(IDbContextFactory<AppDbContext> dbFactory) : ISenderIdentities
{
    public async Task<SenderIdentity> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = await MessagingSettingsService.ViewAsync(db, cancellationToken);
        var name = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Name).SingleAsync(cancellationToken);
        return new SenderIdentity(view.SmsSender ?? "", view.EmailFromName ?? name, view.ReplyTo);
    }
}

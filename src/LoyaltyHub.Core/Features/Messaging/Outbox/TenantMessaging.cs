using LoyaltyHub.Core.Data;
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

/// <summary>
/// Stand-in until the messaging settings (templates/settings part of issue 4) store the switch:
/// every tenant is live. The settings part registers its own <see cref="ILiveMode"/> after this one.
/// </summary>
internal sealed class AlwaysLive : ILiveMode
{
    public Task<bool> IsLiveAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>
/// Stand-in until the messaging settings store the sender: the tenant's name (as the SMS sender,
/// cut to the 11 letters and digits an alphanumeric sender allows), no reply-to.
/// </summary>
internal sealed class TenantNameSender(IDbContextFactory<AppDbContext> dbFactory) : ISenderIdentities
{
    public async Task<SenderIdentity> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Name).SingleAsync(cancellationToken);
        var alphanumeric = new string([.. name.Where(char.IsAsciiLetterOrDigit).Take(11)]);
        return new SenderIdentity(alphanumeric.Length > 0 ? alphanumeric : "LoyaltyHub", name, null);
    }
}

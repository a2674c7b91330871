using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Consent;

/// <summary>
/// Per-tenant suppression list (SPEC §10): recipients that promotional messages never reach,
/// whether or not they are customers. The dispatcher's consent gate asks it at queue and send time.
/// </summary>
public interface ISuppressionList
{
    Task<bool> IsSuppressedAsync(Guid tenantId, MessageChannel channel, string recipient, CancellationToken cancellationToken);

    /// <summary>Adds (or re-arms) the recipient's suppression; a repeat changes nothing.</summary>
    Task SuppressAsync(Guid tenantId, MessageChannel channel, string recipient, string reason, string source, CancellationToken cancellationToken);

    /// <summary>Lifts it; false when the recipient was not suppressed.</summary>
    Task<bool> LiftAsync(Guid tenantId, MessageChannel channel, string recipient, string source, CancellationToken cancellationToken);
}

/// <summary>
/// Each call opens a scope acting for the given tenant, so the tenant filter and the save-time
/// guard apply even when the caller (a background dispatcher, a webhook) has no tenant of its own.
/// </summary>
internal sealed class SuppressionList(TenantScopeFactory scopes, TimeProvider clock) : ISuppressionList
{
    /// <summary>Email addresses compare case-insensitively; phone numbers are already E.164.</summary>
    public static string Normalize(MessageChannel channel, string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var trimmed = recipient.Trim();
        return channel == MessageChannel.Email ? trimmed.ToLowerInvariant() : trimmed;
    }

    public async Task<bool> IsSuppressedAsync(Guid tenantId, MessageChannel channel, string recipient, CancellationToken cancellationToken)
    {
        var key = Normalize(channel, recipient);
        await using var scope = scopes.CreateScope(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Suppression>().AnyAsync(s => s.Channel == channel && s.Recipient == key && s.LiftedAt == null, cancellationToken);
    }

    public async Task SuppressAsync(Guid tenantId, MessageChannel channel, string recipient, string reason, string source, CancellationToken cancellationToken)
    {
        var key = Normalize(channel, recipient);
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateScope(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.Set<Suppression>().FirstOrDefaultAsync(s => s.Channel == channel && s.Recipient == key, cancellationToken);
            if (row is { LiftedAt: null })
            {
                return;
            }

            if (row is null)
            {
                db.Set<Suppression>().Add(new Suppression { Channel = channel, Recipient = key, Reason = reason, Source = source, At = clock.GetUtcNow() });
            }
            else
            {
                (row.Reason, row.Source, row.At, row.LiftedAt, row.LiftedSource) = (reason, source, clock.GetUtcNow(), null, null);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same recipient suppressed at the same moment by another request (unique index): read it again.
            }
        }
    }

    public async Task<bool> LiftAsync(Guid tenantId, MessageChannel channel, string recipient, string source, CancellationToken cancellationToken)
    {
        var key = Normalize(channel, recipient);
        await using var scope = scopes.CreateScope(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Set<Suppression>().FirstOrDefaultAsync(s => s.Channel == channel && s.Recipient == key && s.LiftedAt == null, cancellationToken);
        if (row is null)
        {
            return false;
        }

        (row.LiftedAt, row.LiftedSource) = (clock.GetUtcNow(), source);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

using System.Collections.Concurrent;
using System.Collections.Frozen;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>
/// Everything a tenant's automatic messages are rendered with, read together: the settings, the
/// templates the tenant wrote (the shipped defaults fill the rest) and the tenant's own details.
/// </summary>
public sealed record MessagingSnapshot(
    MessagingSettingsView Settings,
    FrozenDictionary<(MessageEvent Event, MessageChannel Channel, string Language), TemplateContent> OwnTemplates,
    string Slug, string Language, string Currency, string? Phone)
{
    public TemplateContent Template(MessageEvent messageEvent, MessageChannel channel, string language) =>
        OwnTemplates.TryGetValue((messageEvent, channel, language), out var own) ? own : DefaultTemplates.Get(messageEvent, channel, language);

    /// <summary>Whether <paramref name="messageEvent"/> goes out on any channel: false means there is nothing to read or queue.</summary>
    public bool SendsAny(MessageEvent messageEvent) =>
        MessageEvents.Get(messageEvent).Channels.Any(c => Settings.Sends(messageEvent, c));
}

/// <summary>
/// A short-lived per-tenant copy of <see cref="MessagingSnapshot"/>, so that an event on a hot path
/// (a purchase crediting points) decides "off" without touching the database and renders "on"
/// without reading templates. Several app instances share one database and this copy is not
/// told of a change saved on another instance: a change of settings or templates takes effect
/// there within <see cref="Lifetime"/>. On the instance that saves it, the save forgets the copy
/// at once.
/// </summary>
public sealed class MessagingSnapshots(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset Until, MessagingSnapshot Snapshot)> cache = new();

    private readonly ConcurrentDictionary<(Guid, MessageChannel), (DateTimeOffset Until, string Reason)> refusals = new();

    /// <summary>The tenant of <paramref name="db"/>'s snapshot, read through <paramref name="db"/> (and its transaction) when stale.</summary>
    public async ValueTask<MessagingSnapshot> GetAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Messages belong to a tenant: act for one first.");
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return cached.Snapshot;
        }

        var snapshot = await LoadAsync(db, tenantId, cancellationToken);
        cache[tenantId] = (now + Lifetime, snapshot);
        return snapshot;
    }

    /// <summary>Called by the saves of settings and templates: the next message reads them afresh.</summary>
    public void Forget(Guid? tenantId)
    {
        if (tenantId is { } id)
        {
            cache.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Remembers for <see cref="Lifetime"/> that the outbox refused the tenant's messages on
    /// <paramref name="channel"/> (credits exhausted), so the events in between skip it instead of
    /// each trying and failing on the hot path; credits granted meanwhile apply within that time.
    /// </summary>
    /// <returns>True when this refusal is news (to be logged once).</returns>
    public bool Refused(Guid tenantId, MessageChannel channel, string reason)
    {
        var now = clock.GetUtcNow();
        var news = !refusals.TryGetValue((tenantId, channel), out var known) || known.Until <= now;
        refusals[(tenantId, channel)] = (now + Lifetime, reason);
        return news;
    }

    /// <summary>The reason of a refusal still remembered for the channel, or null.</summary>
    public string? Refusal(Guid tenantId, MessageChannel channel) =>
        refusals.TryGetValue((tenantId, channel), out var known) && known.Until > clock.GetUtcNow() ? known.Reason : null;

    private static async Task<MessagingSnapshot> LoadAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = await MessagingSettingsService.ViewAsync(db, cancellationToken);
        var own = await db.Set<MessageTemplate>().AsNoTracking()
            .Select(t => new { t.Event, t.Channel, t.Language, t.Subject, t.Body, t.TextBody })
            .ToListAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.Slug, t.Language, t.Currency, t.Phone }).SingleAsync(cancellationToken);
        return new MessagingSnapshot(
            settings,
            own.ToFrozenDictionary(t => (t.Event, t.Channel, t.Language), t => new TemplateContent(t.Subject, t.Body, t.TextBody)),
            tenant.Slug, MessageLanguages.Normalize(tenant.Language), tenant.Currency, tenant.Phone);
    }
}

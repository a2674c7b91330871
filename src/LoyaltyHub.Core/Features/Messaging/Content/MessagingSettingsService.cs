using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>An automatic message's switch and channels.</summary>
public sealed record MessageEventSwitch(bool Enabled, bool Sms, bool Email)
{
    public bool Uses(MessageChannel channel) => Enabled && (channel == MessageChannel.Sms ? Sms : Email);
}

/// <summary>A tenant's messaging settings as the sending parts read them.</summary>
/// <param name="SmsSender">The sender name, else the sender number, else null (the gateway's default).</param>
/// <param name="StopMention">The mention to append to every SMS, or null when the option is off.</param>
public sealed record MessagingSettingsView(
    string? SmsSender, string? MerchantMobile, string? EmailFromName, string? ReplyTo, string? StopMention,
    bool LiveMode, bool AutomaticMessagesEnabled, IReadOnlyDictionary<MessageEvent, MessageEventSwitch> Events)
{
    /// <summary>Whether the automatic message <paramref name="messageEvent"/> goes out on <paramref name="channel"/> at all.</summary>
    public bool Sends(MessageEvent messageEvent, MessageChannel channel) =>
        AutomaticMessagesEnabled && Events[messageEvent].Uses(channel) && MessageEvents.Get(messageEvent).Channels.Contains(channel);

    /// <summary>
    /// The STOP mention for an SMS of <paramref name="kind"/>: only promotional SMS need an opt-out
    /// (service messages go without marketing consent, SPEC §7), and alerts go to the merchant.
    /// </summary>
    public string? StopMentionFor(MessageKind kind) => kind == MessageKind.Promotional ? StopMention : null;

    internal static MessagingSettingsView From(MessagingSettings settings, IEnumerable<MessageEventSetting> saved)
    {
        var rows = saved.ToDictionary(e => e.Event);
        return new(
            settings.SmsSenderName ?? settings.SmsSenderNumber,
            settings.MerchantMobile,
            settings.EmailFromName,
            settings.ReplyTo,
            settings.AppendStopMention ? settings.StopMention : null,
            settings.LiveMode,
            settings.AutomaticMessagesEnabled,
            MessageEvents.All.ToDictionary(e => e.Event, e => (rows.GetValueOrDefault(e.Event) ?? MessageEventSetting.Default(e)).ToSwitch()));
    }
}

/// <summary>
/// What the outbox, the automatic messages and the API read of a tenant's messaging settings,
/// by tenant id: they run outside a signed-in user's scope. (The outbox's own live-mode seam is
/// meant to be an adapter over this.)
/// </summary>
public interface IMessagingSettingsReader
{
    Task<MessagingSettingsView> GetAsync(Guid tenantId, CancellationToken cancellationToken = default);
}

internal sealed class MessagingSettingsReader(TenantScopeFactory scopes) : IMessagingSettingsReader
{
    public async Task<MessagingSettingsView> GetAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateScope(tenantId);
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await MessagingSettingsService.ViewAsync(db, cancellationToken);
    }
}

/// <summary>The current tenant's messaging settings form: read with defaults, validated, saved.</summary>
public sealed class MessagingSettingsService(IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, MessagingSnapshots snapshots)
{
    public static string NoChannelMessage(string title) => $"Choose SMS or email for \"{title}\", or turn it off.";

    public async Task<MessagingSettingsInput> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.Set<MessagingSettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new MessagingSettings();
        return MessagingSettingsInput.From(settings, await db.Set<MessageEventSetting>().AsNoTracking().ToListAsync(cancellationToken));
    }

    public async Task<MessagingSettingsView> ViewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, cancellationToken);
    }

    internal static async Task<MessagingSettingsView> ViewAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Set<MessagingSettings>().AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new MessagingSettings();
        return MessagingSettingsView.From(settings, await db.Set<MessageEventSetting>().AsNoTracking().ToListAsync(cancellationToken));
    }

    public async Task<Result> SaveAsync(MessagingSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("Messaging settings belong to a tenant.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var country = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Country).FirstAsync(cancellationToken);
        var errors = Result.Validate(input)?.Errors.ToDictionary() ?? new Dictionary<string, string[]>();
        foreach (var (field, message) in input.Conflicts())
        {
            errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        }

        var senderNumber = Phone(input.SmsSenderNumber, nameof(input.SmsSenderNumber), country, errors);
        var mobile = Phone(input.MerchantMobile, nameof(input.MerchantMobile), country, errors);
        foreach (var row in input.Events)
        {
            var info = MessageEvents.All.FirstOrDefault(e => e.Event == row.Event);
            if (info is null)
            {
                errors[nameof(input.Events)] = ["An automatic message in the list does not exist. Reload the page."];
            }
            else if (row.Enabled && !(row.Sms || (row.Email && info.Channels.Contains(MessageChannel.Email))))
            {
                errors[nameof(input.Events)] = [.. errors.GetValueOrDefault(nameof(input.Events), []), NoChannelMessage(info.Title)];
            }
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        var settings = await db.GetOrAddAsync<MessagingSettings>(cancellationToken);
        settings.SmsSenderName = input.SmsSenderName;
        settings.SmsSenderNumber = senderNumber;
        settings.MerchantMobile = mobile;
        settings.EmailFromName = input.EmailFromName;
        settings.ReplyTo = input.ReplyTo?.ToLowerInvariant();
        settings.StopMention = input.StopMention;
        settings.AppendStopMention = input.AppendStopMention;
        settings.LiveMode = input.LiveMode;
        settings.AutomaticMessagesEnabled = input.AutomaticMessagesEnabled;

        var saved = await db.Set<MessageEventSetting>().ToDictionaryAsync(e => e.Event, cancellationToken);
        foreach (var row in input.Events)
        {
            if (!saved.TryGetValue(row.Event, out var setting))
            {
                setting = new MessageEventSetting { Event = row.Event };
                db.Add(setting);
                saved[row.Event] = setting;
            }

            setting.Enabled = row.Enabled;
            setting.Sms = row.Sms;
            setting.Email = row.Email && MessageEvents.Get(row.Event).Channels.Contains(MessageChannel.Email);
        }

        var result = await db.SaveSettingsAsync(cancellationToken);
        snapshots.Forget(tenantId);
        return result;
    }

    /// <summary>An optional number normalised to E.164 with the merchant's country; a typo is a field error.</summary>
    private static string? Phone(string? typed, string field, string country, Dictionary<string, string[]> errors)
    {
        if (typed is null)
        {
            return null;
        }

        if (PhoneNumbers.TryNormalize(typed, country, out var e164, out var error))
        {
            return e164;
        }

        errors[field] = [error];
        return null;
    }
}

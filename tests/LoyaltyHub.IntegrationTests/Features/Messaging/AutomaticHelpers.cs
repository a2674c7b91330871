using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>Sets a tenant's messaging settings as the manager's form saves them, and reads the outbox rows of an event.</summary>
public static class AutomaticHelpers
{
    /// <summary>Changes the saved settings (defaults first time) with <paramref name="edit"/> and saves them through the service.</summary>
    public static async Task ConfigureAsync(TestApp app, Guid tenantId, Action<MessagingSettingsInput> edit)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(edit);
        var saved = await app.AsTenantAsync(tenantId, async sp =>
        {
            var service = sp.GetRequiredService<MessagingSettingsService>();
            var input = await service.GetAsync();
            edit(input);
            return await service.SaveAsync(input);
        });
        Assert.True(saved.Succeeded, Accounts.Describe(saved.Errors));
    }

    /// <summary>Live mode on (SPEC §7): customer messages really go out.</summary>
    public static Task GoLiveAsync(TestApp app, Guid tenantId) => ConfigureAsync(app, tenantId, s => s.LiveMode = true);

    public static void SetEvent(MessagingSettingsInput settings, MessageEvent messageEvent, bool enabled, bool sms, bool email)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var row = settings.Events.Single(e => e.Event == messageEvent);
        (row.Enabled, row.Sms, row.Email) = (enabled, sms, email);
    }

    /// <summary>A merchant with SMS and email credits (none granted for 0), live, with a mobile for alerts.</summary>
    public static async Task<Merchant> ReadyMerchantAsync(TestApp app, string merchantMobile = "+33699887766", int smsCredits = 100, int emailCredits = 100)
    {
        var merchant = await Accounts.SignUpMerchantAsync(app);
        foreach (var (channel, credits) in new[] { (MessageChannel.Sms, smsCredits), (MessageChannel.Email, emailCredits) }.Where(g => g.Item2 > 0))
        {
            await MessagingHelpers.GrantAsync(app, merchant.TenantId, channel, credits);
        }

        await ConfigureAsync(app, merchant.TenantId, s =>
        {
            s.LiveMode = true;
            s.MerchantMobile = merchantMobile;
        });
        return merchant;
    }

    public static async Task<List<OutboxMessage>> RowsAsync(TestApp app, Guid tenantId, string source) =>
        [.. (await MessagingHelpers.MessagesAsync(app, tenantId)).Where(m => m.Source == source)];
}

using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>MessagingSettingsService as the settings form calls it, and the reader the sending parts use, on each database.</summary>
public sealed class MessagingSettingsServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_tenant_is_not_live_and_has_each_events_defaults_without_a_row(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var input = await CallAsync(app, merchant.TenantId, s => s.GetAsync());
        var view = await ReadAsync(app, merchant.TenantId);

        Assert.False(input.LiveMode);
        Assert.True(input.AutomaticMessagesEnabled);
        Assert.Equal(MessageEvents.All.Select(e => e.Event), input.Events.Select(e => e.Event));
        Assert.False(view.LiveMode);
        Assert.True(view.Sends(MessageEvent.OrderReady, MessageChannel.Sms));
        Assert.False(view.Sends(MessageEvent.Birthday, MessageChannel.Sms)); // promotional: off until the merchant turns it on
        Assert.False(view.Sends(MessageEvent.NewOrderAlert, MessageChannel.Email));
        Assert.False(await app.QueryAsync(db => db.Set<MessagingSettings>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_normalises_numbers_and_the_reader_sees_it_for_that_tenant_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var input = await CallAsync(app, merchant.TenantId, s => s.GetAsync());
        input.SmsSenderName = " Mio Negozio ";
        input.MerchantMobile = "06 12 34 56 78";
        input.EmailFromName = "Mio Negozio";
        input.ReplyTo = "Shop@Example.com";
        input.StopMention = "STOP au 36xxx";
        input.AppendStopMention = true;
        input.LiveMode = true;
        var birthday = input.Events.Single(e => e.Event == MessageEvent.Birthday);
        birthday.Enabled = true;
        birthday.Email = true;
        input.Events.Single(e => e.Event == MessageEvent.OrderReady).Enabled = false;

        var first = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));
        var second = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));

        Assert.True(first.Succeeded && second.Succeeded, Accounts.Describe(first.Errors) + Accounts.Describe(second.Errors));
        var row = Assert.Single(await app.QueryAsync(db => db.Set<MessagingSettings>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == merchant.TenantId || s.TenantId == other.TenantId).ToListAsync()));
        Assert.Equal(("Mio Negozio", "+33612345678", "shop@example.com"), (row.SmsSenderName, row.MerchantMobile, row.ReplyTo));
        Assert.Equal(MessageEvents.All.Count, await app.QueryAsync(db => db.Set<MessageEventSetting>().IgnoreQueryFilters()
            .CountAsync(e => e.TenantId == merchant.TenantId || e.TenantId == other.TenantId)));

        var view = await ReadAsync(app, merchant.TenantId);
        Assert.Equal(("Mio Negozio", "+33612345678", "STOP au 36xxx", true), (view.SmsSender, view.MerchantMobile, view.StopMention, view.LiveMode));
        Assert.True(view.Sends(MessageEvent.Birthday, MessageChannel.Email));
        Assert.False(view.Sends(MessageEvent.OrderReady, MessageChannel.Sms));
        Assert.Equal("STOP au 36xxx", view.StopMentionFor(MessageKind.Promotional));
        Assert.Null(view.StopMentionFor(MessageKind.Service));

        var untouched = await ReadAsync(app, other.TenantId);
        Assert.Equal((null, false, null), (untouched.SmsSender, untouched.LiveMode, untouched.StopMention));
        Assert.True(untouched.Sends(MessageEvent.OrderReady, MessageChannel.Sms));

        // The one switch stops every automatic message.
        input.AutomaticMessagesEnabled = false;
        Assert.True((await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input))).Succeeded);
        Assert.False((await ReadAsync(app, merchant.TenantId)).Sends(MessageEvent.Birthday, MessageChannel.Email));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invalid_settings_are_reported_by_field_and_write_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var input = await CallAsync(app, merchant.TenantId, s => s.GetAsync());
        input.SmsSenderName = "My Shop Name 2026";
        input.MerchantMobile = "12";
        input.ReplyTo = "not-an-email";
        input.AppendStopMention = true;
        var alert = input.Events.Single(e => e.Event == MessageEvent.NewOrderAlert);
        alert.Enabled = true;
        alert.Sms = false;
        alert.Email = true; // alerts have no email: enabled with no channel

        var result = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));
        input.SmsSenderName = "12345";
        var digitsOnly = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));
        input.SmsSenderName = "Shop";
        input.SmsSenderNumber = "+33612345678";
        var both = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(input));

        Assert.False(result.Succeeded);
        Assert.Equal(["Events", "MerchantMobile", "ReplyTo", "SmsSenderName", "StopMention"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([MessagingSettingsInput.SenderNameMessage], result.Errors["SmsSenderName"]);
        Assert.Equal([MessagingSettingsInput.StopMentionNeededMessage], result.Errors["StopMention"]);
        Assert.Equal([MessagingSettingsService.NoChannelMessage("New order (alert to you)")], result.Errors["Events"]);
        Assert.Equal([MessagingSettingsInput.SenderNameMessage], digitsOnly.Errors["SmsSenderName"]);
        Assert.Equal([MessagingSettingsInput.SenderBothMessage], both.Errors["SmsSenderNumber"]);
        Assert.False(await app.QueryAsync(db => db.Set<MessagingSettings>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == merchant.TenantId)));
        Assert.False(await app.QueryAsync(db => db.Set<MessageEventSetting>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == merchant.TenantId)));
    }

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<MessagingSettingsService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<MessagingSettingsService>()));

    private static Task<MessagingSettingsView> ReadAsync(TestApp app, Guid tenantId) =>
        app.Services.GetRequiredService<IMessagingSettingsReader>().GetAsync(tenantId);
}

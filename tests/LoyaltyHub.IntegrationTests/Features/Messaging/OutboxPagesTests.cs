using System.Net;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.MessagingHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The manager's top bar shows the credits and the banner; the outbox lists only the manager's own messages.</summary>
public sealed class OutboxPagesTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_top_bar_shows_balances_with_an_exhausted_banner_and_the_outbox_lists_own_messages(string provider)
    {
        var app = await apps.GetAsync(provider);
        var mine = await Accounts.SignUpMerchantAsync(app);
        var theirs = await Accounts.SignUpMerchantAsync(app);
        await GrantAsync(app, mine.TenantId, MessageChannel.Sms, 73);
        await GrantAsync(app, theirs.TenantId, MessageChannel.Sms, 5);
        await QueueAsync(app, mine.TenantId, [Sms("mine", to: "+33611110000")]);
        await QueueAsync(app, theirs.TenantId, [Sms("theirs", to: "+33622220000")]);
        using var manager = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(manager, mine.ManagerEmail);

        using var page = await manager.GetAsync("/manage/outbox");
        var body = await page.Content.ReadAsStringAsync();

        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/manage/outbox answered {(int)page.StatusCode}:\n{body}");
        Assert.Matches("data-testid=\"credits-sms\"[^>]*>\\s*<i[^>]*>sms</i>\\s*72", body);
        Assert.Contains("Your email credits are used up", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Your SMS credits", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outbox-grid\"", body, StringComparison.Ordinal);
        // The grid loads after the circuit starts; what it lists comes from OutboxQueries in the manager's tenant.
        var listed = await app.AsTenantAsync(mine.TenantId, sp => sp.GetRequiredService<OutboxQueries>().PageAsync(new OutboxFilter(Channel: MessageChannel.Sms), 0, 50));
        Assert.Equal(["+33611110000"], listed.Rows.Select(r => r.Recipient));
        Assert.Equal(1, listed.Count);
    }
}

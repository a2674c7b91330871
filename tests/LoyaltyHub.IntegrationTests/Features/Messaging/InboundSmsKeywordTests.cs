using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;
using static LoyaltyHub.IntegrationTests.Features.Messaging.ConsentHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>STOP / START replies by SMS (SPEC §10): that number, that merchant, a consent-log row each.</summary>
public sealed class InboundSmsKeywordTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(KeywordCases))]
    public async Task A_stop_reply_suppresses_the_number_and_withdraws_consent_for_that_merchant_only(string provider, string reply)
    {
        var app = await apps.GetAsync(provider);
        var mobile = UniqueMobile();
        var phone = E164(mobile);
        var (merchant, customer) = await SubscribedCustomerAsync(app, mobile);
        var (other, otherCustomer) = await SubscribedCustomerAsync(app, mobile);

        await HandleAsync(app, merchant.TenantId, phone, reply);

        Assert.True(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, phone));
        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.False(stored.SmsConsent.Granted);
        Assert.True(stored.EmailConsent.Granted);
        var row = (await LogAsync(app, merchant.TenantId, customer.Id))[0];
        Assert.Equal((ConsentChannel.Sms, false, ConsentSources.SmsStop, "system"), (row.Channel, row.Granted, row.Source, row.ByName));
        Assert.False(await SuppressedAsync(app, other.TenantId, MessageChannel.Sms, phone));
        Assert.True((await StoredAsync(app, other.TenantId, otherCustomer.Id)).SmsConsent.Granted);
        Assert.DoesNotContain(await LogAsync(app, other.TenantId, otherCustomer.Id), e => e.Source == ConsentSources.SmsStop);
    }

    public static TheoryData<string, string> KeywordCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Providers.Sqlite, Providers.Postgres })
        {
            foreach (var reply in new[] { "STOP", "arrêt", "Стоп", "stop." })
            {
                data.Add(provider, reply);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Start_after_stop_resubscribes_with_a_log_row_and_a_repeated_stop_logs_once(string provider)
    {
        var app = await apps.GetAsync(provider);
        var mobile = UniqueMobile();
        var phone = E164(mobile);
        var (merchant, customer) = await SubscribedCustomerAsync(app, mobile);

        await HandleAsync(app, merchant.TenantId, phone, "STOP");
        await HandleAsync(app, merchant.TenantId, phone, "stop");
        await HandleAsync(app, merchant.TenantId, phone, "Start");

        Assert.False(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, phone));
        var stored = await StoredAsync(app, merchant.TenantId, customer.Id);
        Assert.True(stored.SmsConsent.Granted);
        Assert.Equal(ConsentSources.SmsStart, stored.SmsConsent.Source);
        var log = (await LogAsync(app, merchant.TenantId, customer.Id)).Where(e => e.Channel == ConsentChannel.Sms).Select(e => (e.Granted, e.Source)).ToList();
        Assert.Equal([(true, ConsentSources.SmsStart), (false, ConsentSources.SmsStop), (true, ConsentSources.Counter)], log);

        await HandleAsync(app, merchant.TenantId, phone, "QUIT");
        Assert.True(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, phone));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Other_text_changes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var mobile = UniqueMobile();
        var phone = E164(mobile);
        var (merchant, customer) = await SubscribedCustomerAsync(app, mobile);

        await HandleAsync(app, merchant.TenantId, phone, "Please don't stop, I love the offers");

        Assert.False(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, phone));
        Assert.True((await StoredAsync(app, merchant.TenantId, customer.Id)).SmsConsent.Granted);
        Assert.Single(await LogAsync(app, merchant.TenantId, customer.Id), e => e.Channel == ConsentChannel.Sms);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stop_from_a_number_that_is_no_customer_is_suppressed_all_the_same(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var phone = E164(UniqueMobile());

        await HandleAsync(app, merchant.TenantId, phone, "UNSUBSCRIBE");

        Assert.True(await SuppressedAsync(app, merchant.TenantId, MessageChannel.Sms, phone));
    }

    /// <summary>As the gateways' inbound webhooks call it: a request scope with no signed-in tenant.</summary>
    private static async Task HandleAsync(TestApp app, Guid tenantId, string phone, string body)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IInboundSmsHandler>().HandleAsync(tenantId, phone, body, CancellationToken.None);
    }
}

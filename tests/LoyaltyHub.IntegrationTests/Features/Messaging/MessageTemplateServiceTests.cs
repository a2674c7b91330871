using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>Templates as the /manage/messages editor saves, reads, previews and test-sends them, on each database.</summary>
public sealed class MessageTemplateServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_tenant_reads_the_shipped_default_in_each_language(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var outcome = await CallAsync(app, merchant.TenantId, async s => new
        {
            En = await s.GetAsync(MessageEvent.OrderReady, MessageChannel.Email, "en"),
            Ru = await s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"),
            Unknown = await s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "de"),
            List = await s.ListAsync(),
        });

        Assert.False(outcome.En.Customised);
        Assert.Equal("Your order {{order_number}} is ready", outcome.En.Content.Subject);
        Assert.StartsWith("{{salutation}} {{first_name}}! Ваш заказ", outcome.Ru.Content.Body, StringComparison.Ordinal);
        Assert.Equal(DefaultTemplates.Get(MessageEvent.OrderReady, MessageChannel.Sms, "en"), outcome.Unknown.Content);
        Assert.Equal((3 * 1 + 10 * 2) * 4, outcome.List.Count);
        Assert.DoesNotContain(outcome.List, r => r.IsCustomised);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_stores_the_canonical_spelling_and_overrides_the_default_for_that_tenant_only(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var input = new MessageTemplateInput { Body = ":Уваж: :И:! Заказ :ID: готов. #url#" };

        var saved = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru", input));
        input.Body += " {{shop_phone}}";
        var again = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru", input));

        Assert.True(saved.Succeeded && again.Succeeded, Accounts.Describe(saved.Errors));
        var row = Assert.Single(await app.QueryAsync(db => db.Set<MessageTemplate>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TenantId == merchant.TenantId || t.TenantId == other.TenantId).ToListAsync()));
        Assert.Equal((merchant.TenantId, MessageEvent.OrderReady, MessageChannel.Sms, "ru"), (row.TenantId, row.Event, row.Channel, row.Language));
        Assert.Equal("{{salutation}} {{first_name}}! Заказ {{order_number}} готов. {{shop_url}} {{shop_phone}}", row.Body);
        Assert.Null(row.Subject);

        var mine = await CallAsync(app, merchant.TenantId, s => s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"));
        var theirs = await CallAsync(app, other.TenantId, s => s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"));
        Assert.True(mine.Customised);
        Assert.Equal(row.Body, mine.Content.Body);
        Assert.False(theirs.Customised);
        Assert.Equal(DefaultTemplates.Get(MessageEvent.OrderReady, MessageChannel.Sms, "ru"), theirs.Content);
        var list = await CallAsync(app, merchant.TenantId, s => s.ListAsync());
        Assert.Equal([(MessageEvent.OrderReady, MessageChannel.Sms, "ru")],
            list.Where(r => r.IsCustomised).Select(r => (r.Event.Event, r.Channel, r.Language)));
        Assert.DoesNotContain(await CallAsync(app, other.TenantId, s => s.ListAsync()), r => r.IsCustomised);

        // Another tenant's reset cannot touch it; the owner's reset goes back to the default.
        await CallAsync(app, other.TenantId, async s => { await s.ResetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"); return 0; });
        Assert.True((await CallAsync(app, merchant.TenantId, s => s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"))).Customised);
        await CallAsync(app, merchant.TenantId, async s => { await s.ResetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"); return 0; });
        Assert.False((await CallAsync(app, merchant.TenantId, s => s.GetAsync(MessageEvent.OrderReady, MessageChannel.Sms, "ru"))).Customised);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unknown_or_foreign_variables_are_rejected_naming_them_and_nothing_is_written(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var result = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.OrderReady, MessageChannel.Email, "en", new MessageTemplateInput
        {
            Subject = "Order {{order_nummer}}",
            Body = "<p>{{first_name}}, see {{cart_url}}</p>",
            TextBody = "Hi {{first_name",
        }));

        Assert.False(result.Succeeded);
        Assert.Equal(["Unknown variable: {{order_nummer}}. Use the variables listed for this message."], result.Errors["Subject"]);
        Assert.Equal(["Not available in \"Order ready for pickup\": {{cart_url}}."], result.Errors["Body"]);
        Assert.Equal([TemplateRules.UnclosedMessage], result.Errors["TextBody"]);
        Assert.False(await app.QueryAsync(db => db.Set<MessageTemplate>().IgnoreQueryFilters().AnyAsync(t => t.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_email_needs_a_subject_and_an_alert_has_no_email(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);

        var noSubject = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.Birthday, MessageChannel.Email, "fr",
            new MessageTemplateInput { Subject = " ", Body = "<p>Joyeux anniversaire</p>" }));
        var alertEmail = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.NewOrderAlert, MessageChannel.Email, "fr",
            new MessageTemplateInput { Subject = "Commande", Body = "Commande {{order_number}}" }));
        var tooLong = await CallAsync(app, merchant.TenantId, s => s.SaveAsync(MessageEvent.Birthday, MessageChannel.Sms, "fr",
            new MessageTemplateInput { Body = new string('a', MessageTemplate.SmsBodyMax + 1) }));

        Assert.Equal(["Write the subject."], noSubject.Errors["Subject"]);
        Assert.Equal(["\"New order (alert to you)\" is not sent by Email."], alertEmail.Errors[""]);
        Assert.Equal(["The message is at most 1000 characters."], tooLong.Errors["Body"]);
        Assert.False(await app.QueryAsync(db => db.Set<MessageTemplate>().IgnoreQueryFilters().AnyAsync(t => t.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Preview_uses_a_real_customer_of_the_tenant_and_counts_the_sms(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var otherShop = await Accounts.CreateShopAsync(app, other.TenantId);
        var customer = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, CustomerHelpers.NewCustomer("Lefèvre"));
        var stranger = await CustomerHelpers.RegisterAsync(app, other.TenantId, otherShop, CustomerHelpers.NewCustomer("Stranger"));
        var input = new MessageTemplateInput { Body = "{{salutation}} {{first_name}} {{last_name}}, carte {{card_number}}" };

        var mine = await PreviewAsync(app, merchant.TenantId, p => p.PreviewAsync(MessageEvent.OrderReady, MessageChannel.Sms, "fr", input, customer.Id));
        var foreign = await PreviewAsync(app, merchant.TenantId, p => p.PreviewAsync(MessageEvent.OrderReady, MessageChannel.Sms, "fr", input, stranger.Id));

        Assert.Equal($"Bonjour Alice Lefèvre, carte {customer.CardNumber}", mine.Message.Body);
        Assert.Equal(SmsEncoding.Gsm7, mine.Sms!.Encoding);
        Assert.Equal(mine.Message.Body.Length, mine.Sms.Units);
        Assert.Equal("Chère Alice Martin, carte 2000000012345", foreign.Message.Body); // the sample, not the other tenant's customer
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_test_send_is_marked_and_goes_to_the_chosen_address_only_when_it_is_valid(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var to = Accounts.UniqueEmail("test-send");
        var input = new MessageTemplateInput { Subject = "Hi {{first_name}}", Body = "<p>Hello <b>{{first_name}}</b></p>" };
        await MessagingHelpers.GrantAsync(app, merchant.TenantId, MessageChannel.Email, 1);
        await MessagingHelpers.GrantAsync(app, merchant.TenantId, MessageChannel.Sms, 1);

        var bad = await PreviewAsync(app, merchant.TenantId, p => p.SendTestAsync(MessageEvent.Birthday, MessageChannel.Email, "en", input, null, "not an email"));
        var badSms = await PreviewAsync(app, merchant.TenantId, p => p.SendTestAsync(MessageEvent.Birthday, MessageChannel.Sms, "en",
            new MessageTemplateInput { Body = "Hi" }, null, "12"));
        var sent = await PreviewAsync(app, merchant.TenantId, p => p.SendTestAsync(MessageEvent.Birthday, MessageChannel.Email, "en", input, null, to));
        var sms = await PreviewAsync(app, merchant.TenantId, p => p.SendTestAsync(MessageEvent.Birthday, MessageChannel.Sms, "en",
            new MessageTemplateInput { Body = "Happy birthday {{first_name}}" }, null, "06 11 22 33 44"));

        Assert.Equal(["Enter a valid email address."], bad.Errors[TemplatePreviewService.RecipientField]);
        Assert.False(badSms.Succeeded);
        Assert.True(sent.Succeeded && sms.Succeeded, Accounts.Describe(sent.Errors) + Accounts.Describe(sms.Errors));
        // Both are outbox rows marked as tests, sent as merchant messages (live mode or not), their credits reserved.
        var rows = await MessagingHelpers.MessagesAsync(app, merchant.TenantId);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((true, "test", MessageKind.MerchantAlert), (r.IsTest, r.Source, r.Kind)));
        var mail = rows.Single(r => r.Channel == MessageChannel.Email);
        Assert.Equal((to, "[Test] Hi Alice", "<p>Hello <b>Alice</b></p>", "Hello Alice"), (mail.Recipient, mail.Subject, mail.Body, mail.TextBody));
        var smsRow = rows.Single(r => r.Channel == MessageChannel.Sms);
        Assert.Equal(("+33611223344", "Happy birthday Alice"), (smsRow.Recipient, smsRow.Body));
        Assert.Equal(0L, (await MessagingHelpers.BalanceAsync(app, merchant.TenantId, MessageChannel.Sms))!.Available);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_composer_renders_the_tenants_template_in_the_customers_language_with_the_stop_mention_on_promotions(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var outcome = await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var settings = sp.GetRequiredService<MessagingSettingsService>();
            var input = await settings.GetAsync();
            input.StopMention = "STOP au 36xxx";
            input.AppendStopMention = true;
            Assert.True((await settings.SaveAsync(input)).Succeeded);
            Assert.True((await sp.GetRequiredService<MessageTemplateService>().SaveAsync(MessageEvent.Birthday, MessageChannel.Sms, "it",
                new MessageTemplateInput { Body = "Auguri {{first_name}}!" })).Succeeded);
            var composer = sp.GetRequiredService<MessageComposer>();
            var data = new TemplateData { FirstName = "<Giulia>", LastName = "<Rossi>", Gender = Gender.Female, OrderNumber = "A-7" };
            return new
            {
                Birthday = await composer.RenderAsync(MessageEvent.Birthday, MessageChannel.Sms, "it", data),
                Ready = await composer.RenderAsync(MessageEvent.OrderReady, MessageChannel.Sms, "it", data),
                Email = await composer.RenderAsync(MessageEvent.OrderReady, MessageChannel.Email, "de", data),
            };
        });

        Assert.Equal("Auguri <Giulia>!\nSTOP au 36xxx", outcome.Birthday.Body);
        Assert.StartsWith("Buongiorno <Giulia>, il suo ordine A-7 è pronto", outcome.Ready.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("STOP", outcome.Ready.Body, StringComparison.Ordinal); // a service message needs no opt-out
        Assert.Equal("Your order A-7 is ready", outcome.Email.Subject); // no German templates: English
        Assert.Contains("<p>Dear Ms &lt;Rossi&gt;,</p>", outcome.Email.Body, StringComparison.Ordinal); // encoded in HTML
        Assert.DoesNotContain("<Rossi>", outcome.Email.Body, StringComparison.Ordinal);
        Assert.StartsWith("Dear Ms <Rossi>,", outcome.Email.TextBody, StringComparison.Ordinal); // as it is in the text part
    }

    private static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<MessageTemplateService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<MessageTemplateService>()));

    private static Task<T> PreviewAsync<T>(TestApp app, Guid tenantId, Func<TemplatePreviewService, Task<T>> call) =>
        app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<TemplatePreviewService>()));
}

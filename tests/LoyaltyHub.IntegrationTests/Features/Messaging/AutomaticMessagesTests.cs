using System.Net;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Automatic;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Outbox;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Features.GiftCards;
using LoyaltyHub.IntegrationTests.Features.Loyalty;
using LoyaltyHub.IntegrationTests.Features.WebShop;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Messaging.AutomaticHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Messaging;

/// <summary>The automatic messages of SPEC §8 end to end: what their causes write to the outbox, on both databases.</summary>
public sealed class AutomaticMessagesTests(TestApps apps) : IClassFixture<TestApps>
{
    private const string MerchantMobile = "+33699887766";
    private const string CustomerPhone = "+33612345678";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_order_through_the_api_alerts_the_merchant_and_thanks_the_customer_in_their_language_once(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile);
        var email = Accounts.UniqueEmail("buyer");
        using var client = await ApiClients.ForAsync(app, merchant);

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("A-1", 4_990,
            new { email, phone = CustomerPhone, firstName = "Léa", lastName = "Martin", language = "fr" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var alert = Assert.Single(await RowsAsync(app, merchant.TenantId, "new_order_alert"));
        Assert.Equal((MessageChannel.Sms, MessageKind.MerchantAlert, MerchantMobile, (int?)null), (alert.Channel, alert.Kind, alert.Recipient, alert.CustomerId));
        Assert.Contains("New order A-1", alert.Body, StringComparison.Ordinal);
        var customer = await RowsAsync(app, merchant.TenantId, "new_order");
        Assert.Equal([MessageChannel.Sms, MessageChannel.Email], customer.Select(m => m.Channel).Order());
        var mail = customer.Single(m => m.Channel == MessageChannel.Email);
        Assert.Equal((email, MessageKind.Service, "Merci pour votre commande A-1"), (mail.Recipient, mail.Kind, mail.Subject));
        Assert.Contains("49,90 €", mail.Body, StringComparison.Ordinal);
        Assert.Contains("en attente", mail.Body, StringComparison.Ordinal);
        Assert.StartsWith("Bonjour Léa, merci", customer.Single(m => m.Channel == MessageChannel.Sms).Body, StringComparison.OrdinalIgnoreCase);

        // The same event delivered again (a retried hand-off) queues nothing new.
        await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var order = await db.Set<Order>().SingleAsync(o => o.Number == "A-1");
            await using var transaction = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<IWebShopEvents>().OrderPlacedAsync(db, order, CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });
        Assert.Single(await RowsAsync(app, merchant.TenantId, "new_order_alert"));
        Assert.Equal(2, (await RowsAsync(app, merchant.TenantId, "new_order")).Count);

        // A status change tells the customer the new status in French, once per status reached.
        var shipped = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/orders/A-1", new { status = "shipped" });
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var status = await RowsAsync(app, merchant.TenantId, "order_status_changed");
        Assert.Equal(2, status.Count);
        Assert.Equal("Votre commande A-1 : expédiée", status.Single(m => m.Channel == MessageChannel.Email).Subject);
        Assert.Contains("est maintenant : expédiée", status.Single(m => m.Channel == MessageChannel.Sms).Body, StringComparison.Ordinal);

        // A return request alerts the merchant with every returned line: code, name and quantity.
        var returned = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/returns", new
        {
            id = "R-1", orderNumber = "A-1", reason = "Too big", lines = new[]
            {
                new { productCode = "SKU-1", name = "Coffee beans 1 kg", quantity = 1, unitPrice = 2_495 },
                new { productCode = "SKU-2", name = "Mug, blue", quantity = 2, unitPrice = 900 },
            },
        });
        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        var returnAlert = Assert.Single(await RowsAsync(app, merchant.TenantId, "return_request_alert"));
        Assert.Equal(MerchantMobile, returnAlert.Recipient);
        Assert.StartsWith($"{email} asks to return products of order A-1 (", returnAlert.Body, StringComparison.Ordinal);
        Assert.EndsWith("): 1 x SKU-1 Coffee beans 1 kg; 2 x SKU-2 Mug, blue", returnAlert.Body, StringComparison.Ordinal);
        Assert.Equal(SmsEncoding.Gsm7, SmsLength.Measure(returnAlert.Body).Encoding);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_order_without_sms_credits_still_queues_the_customers_email(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile, smsCredits: 0, emailCredits: 10);
        using var client = await ApiClients.ForAsync(app, merchant);

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("S-1", 4_990,
            new { email = Accounts.UniqueEmail("buyer"), phone = CustomerPhone, firstName = "Léa", language = "fr" }));

        // The alert and the customer's SMS and email are queued together; the SMS lack credits, the email goes alone.
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(await RowsAsync(app, merchant.TenantId, "new_order_alert"));
        Assert.Equal([MessageChannel.Email], (await RowsAsync(app, merchant.TenantId, "new_order")).Select(m => m.Channel));
        await MessagingHelpers.AssertLedgerMatchesBalanceAsync(app, merchant.TenantId, MessageChannel.Email);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Settings_turned_off_queue_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile);
        using var client = await ApiClients.ForAsync(app, merchant);
        var customer = new { email = Accounts.UniqueEmail("buyer"), phone = CustomerPhone, language = "en" };

        await ConfigureAsync(app, merchant.TenantId, s => s.AutomaticMessagesEnabled = false);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("OFF-1", customer: customer))).StatusCode);
        Assert.Empty(await MessagingHelpers.MessagesAsync(app, merchant.TenantId));

        // All on again, but the customer's "new order" off and the alert by SMS only.
        await ConfigureAsync(app, merchant.TenantId, s =>
        {
            s.AutomaticMessagesEnabled = true;
            SetEvent(s, MessageEvent.NewOrder, enabled: false, sms: true, email: true);
        });
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("OFF-2", customer: customer))).StatusCode);
        var rows = await MessagingHelpers.MessagesAsync(app, merchant.TenantId);
        Assert.Equal(["new_order_alert"], rows.Select(r => r.Source));

        // Without a mobile for alerts, the alert is skipped too.
        await ConfigureAsync(app, merchant.TenantId, s => s.MerchantMobile = null);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("OFF-3", customer: customer))).StatusCode);
        Assert.Single(await MessagingHelpers.MessagesAsync(app, merchant.TenantId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Order_ready_honours_the_status_and_the_staff_permissions_and_sends_once(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var otherShop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        using var client = await ApiClients.ForAsync(app, merchant);
        var order = new
        {
            number = "P-1", amount = 1_000, currency = "EUR", status = "processing", pickupShopId = shop.Id,
            customer = new { phone = CustomerPhone, firstName = "Ivan", language = "ru" },
            lines = new[] { new { productCode = "SKU-1", name = "Tea", quantity = 1, unitPrice = 1_000 } },
        };
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", order)).StatusCode);
        var orderId = await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().Where(o => o.TenantId == merchant.TenantId && o.Number == "P-1").Select(o => o.Id).SingleAsync());
        Task<Core.Common.Result<OrderReadyNotice>> Press(CustomerActor actor, bool manager) =>
            app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<IOrderReadyNotices>().SendAsync(orderId, actor, manager));

        CustomerHelpers.AssertField(await Press(CustomerHelpers.StaffOf(shop), false), "", OrderReadyNotices.NotAllowed);
        var allowed = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<StaffPermissionsService>()
            .SaveAsync(new StaffPermissionsInput { SendOrderReadyNotices = true }));
        Assert.True(allowed.Succeeded);
        CustomerHelpers.AssertField(await Press(CustomerHelpers.StaffOf(shop), false), "", OrderReadyNotices.NotReady(OrderStatus.Processing));
        Assert.Empty(await RowsAsync(app, merchant.TenantId, "order_ready"));

        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/orders/P-1", new { status = "ready" })).StatusCode);
        CustomerHelpers.AssertField(await Press(CustomerHelpers.StaffOf(otherShop), false), "", OrderReadyNotices.OtherShop);
        Assert.Empty(await RowsAsync(app, merchant.TenantId, "order_ready"));

        var sent = await Press(CustomerHelpers.Manager, true);
        Assert.True(sent.Succeeded, Accounts.Describe(sent.Errors));
        Assert.Equal([MessageChannel.Sms], sent.Value!.Channels);
        Assert.False(sent.Value.AlreadySent);
        var row = Assert.Single(await RowsAsync(app, merchant.TenantId, "order_ready"));
        Assert.Equal((MessageChannel.Sms, CustomerPhone, MessageKind.Service), (row.Channel, row.Recipient, row.Kind));
        Assert.Contains("Ivan", row.Body, StringComparison.Ordinal);
        Assert.Contains("P-1", row.Body, StringComparison.Ordinal);

        var again = await Press(CustomerHelpers.StaffOf(shop), false);
        Assert.True(again.Succeeded, Accounts.Describe(again.Errors));
        Assert.True(again.Value!.AlreadySent);
        Assert.Equal(row.CreatedAt, again.Value.QueuedAt);
        Assert.Single(await RowsAsync(app, merchant.TenantId, "order_ready"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_purchase_that_earns_points_queues_the_points_credited_sms_unless_it_is_off(string provider)
    {
        var app = await apps.GetAsync(provider);
        var world = await LedgerWorld.CreateAsync(app);
        await MessagingHelpers.GrantAsync(app, world.TenantId, MessageChannel.Sms, 10);

        var receipt = await world.RecordAsync(world.Purchase(25_00));
        Assert.True(receipt.Succeeded, Accounts.Describe(receipt.Errors));
        var row = Assert.Single(await RowsAsync(app, world.TenantId, "points_credited"));
        Assert.Equal((MessageChannel.Sms, world.Customer.Phone, world.Customer.Id), (row.Channel, row.Recipient, row.CustomerId));
        Assert.Equal("Bonjour Alice, 25 points ont été ajoutés à votre carte. Solde : 25 points. Merci !", row.Body);

        // A purchase that earns nothing, and one with the message off, queue nothing.
        Assert.True((await world.RecordAsync(world.Purchase(50))).Succeeded);
        await ConfigureAsync(app, world.TenantId, s => SetEvent(s, MessageEvent.PointsCredited, enabled: false, sms: true, email: false));
        Assert.True((await world.RecordAsync(world.Purchase(10_00))).Succeeded);
        Assert.Single(await RowsAsync(app, world.TenantId, "points_credited"));
        Assert.Equal((35L, 35L, 0L, 0L), await world.BalancesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_virtual_gift_card_emails_its_recipient_through_the_outbox(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app);
        var email = Accounts.UniqueEmail("recipient");

        var sold = await GiftCardHelpers.CallAsync(app, merchant.TenantId, s => s.SellAsync(new GiftCardInput
        {
            Kind = GiftCardKind.Virtual, Amount = "25,50", RecipientEmail = email, RecipientName = "<b>Zoé</b>",
        }, new GiftCardActor("staff-id", null)));
        Assert.True(sold.Succeeded, Accounts.Describe(sold.Errors));

        var row = Assert.Single(await RowsAsync(app, merchant.TenantId, "gift_card_received"));
        Assert.Equal((MessageChannel.Email, email, MessageKind.Service), (row.Channel, row.Recipient, row.Kind));
        Assert.Equal("You have received a gift card of €25.50", row.Subject);
        Assert.Contains(CardNumbers.Display(sold.Value!.Card.Number), row.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Zo", row.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Zo", row.Body, StringComparison.Ordinal);
        // Queued instead of the plain email, not as well.
        Assert.Null(await Accounts.LastMailToAsync(app, email));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_buyers_message_reaches_the_gift_card_recipient_encoded_and_no_message_leaves_no_trace(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app);
        await ConfigureAsync(app, merchant.TenantId, s => SetEvent(s, MessageEvent.GiftCardReceived, enabled: true, sms: true, email: true));
        async Task<(OutboxMessage Email, OutboxMessage Sms)> SellAsync(string? message)
        {
            var email = Accounts.UniqueEmail("recipient");
            var sold = await GiftCardHelpers.CallAsync(app, merchant.TenantId, s => s.SellAsync(new GiftCardInput
            {
                Kind = GiftCardKind.Virtual, Amount = "30", RecipientEmail = email, RecipientPhone = CustomerPhone, RecipientName = "Zoé", Message = message,
            }, new GiftCardActor("staff-id", null)));
            Assert.True(sold.Succeeded, Accounts.Describe(sold.Errors));
            var rows = (await RowsAsync(app, merchant.TenantId, "gift_card_received")).Where(r => r.IdempotencyKey.Contains($":{sold.Value!.Card.Id}:", StringComparison.Ordinal)).ToList();
            return (rows.Single(r => r.Channel == MessageChannel.Email && r.Recipient == email), rows.Single(r => r.Channel == MessageChannel.Sms && r.Recipient == CustomerPhone));
        }

        var (mail, sms) = await SellAsync("Happy birthday <3\nPaul & Léa");
        Assert.Contains(">Happy birthday &lt;3\nPaul &amp; L", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<3", mail.Body, StringComparison.Ordinal);
        Assert.Contains("to spend in our shop.\n\nHappy birthday <3 Paul & Léa\n\nIts number:", mail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("\nHappy birthday <3\nPaul & Léa", sms.Body, StringComparison.Ordinal);

        var (plainMail, plainSms) = await SellAsync(null);
        Assert.Contains("to spend in our shop.\n\nIts number:", plainMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(sms.Body[..^"\nHappy birthday <3\nPaul & Léa".Length].Replace(CardNumberOf(sms), CardNumberOf(plainSms), StringComparison.Ordinal), plainSms.Body);
    }

    /// <summary>The gift card number a "gift card received" SMS shows ("…, number 9000 0000 1234 5678. …").</summary>
    private static string CardNumberOf(OutboxMessage sms) =>
        System.Text.RegularExpressions.Regex.Match(sms.Body, @"number ([0-9 ]+[0-9])").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_customer_through_the_api_alerts_the_merchant_and_gets_the_activation_once(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile);
        using var client = await ApiClients.ForAsync(app, merchant);
        var email = Accounts.UniqueEmail("member");
        var body = new { email, phone = CustomerPhone, firstName = "Marco", lastName = "Rossi", gender = "male", language = "it" };

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", body, idempotencyKey: "customer-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        var (customerId, cardNumber) = (json.GetProperty("id").GetInt32(), json.GetProperty("cardNumber").GetString()!);

        var alert = Assert.Single(await RowsAsync(app, merchant.TenantId, "new_account_alert"));
        Assert.Equal((MessageChannel.Sms, MerchantMobile, MessageKind.MerchantAlert, (int?)null), (alert.Channel, alert.Recipient, alert.Kind, alert.CustomerId));
        Assert.EndsWith(": Marco Rossi, " + email, alert.Body, StringComparison.Ordinal);
        // An account made by the web shop is a loyalty account like one made at the counter: the activation goes in the customer's language.
        var activation = Assert.Single(await RowsAsync(app, merchant.TenantId, "account_activation"));
        Assert.Equal((MessageChannel.Email, email, (int?)customerId, MessageKind.Service), (activation.Channel, activation.Recipient, activation.CustomerId, activation.Kind));
        Assert.Equal("Benvenuto! Attivi il suo account fedeltà", activation.Subject);
        Assert.StartsWith("Gentile Sig. Rossi,", activation.TextBody, StringComparison.Ordinal);
        Assert.Contains(cardNumber, activation.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Activate?", activation.TextBody, StringComparison.Ordinal);
        Assert.Null(await Accounts.LastMailToAsync(app, email));

        // The replayed request and a later update of the same customer raise nothing.
        var replayed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", body, idempotencyKey: "customer-1");
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        var updated = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", body with { firstName = "Marcello" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Single(await RowsAsync(app, merchant.TenantId, "new_account_alert"));
        Assert.Single(await RowsAsync(app, merchant.TenantId, "account_activation"));

        // A customer with only a phone has no login to activate: the merchant is alerted, the customer gets nothing.
        var phoneOnly = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new { phone = "+33611223344", firstName = "Anna", lastName = "Bianchi", language = "it" });
        Assert.Equal(HttpStatusCode.Created, phoneOnly.StatusCode);
        var alerts = await RowsAsync(app, merchant.TenantId, "new_account_alert");
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, a => a.Body.Contains(": Anna Bianchi", StringComparison.Ordinal));
        Assert.Single(await RowsAsync(app, merchant.TenantId, "account_activation"));
        Assert.DoesNotContain(await MessagingHelpers.MessagesAsync(app, merchant.TenantId), m => m.Recipient == "+33611223344");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_customer_at_the_counter_alerts_the_merchant_and_gets_a_working_activation_email(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = CustomerHelpers.NewCustomer();

        var customer = await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, input);

        var alert = Assert.Single(await RowsAsync(app, merchant.TenantId, "new_account_alert"));
        Assert.Equal((MerchantMobile, MessageKind.MerchantAlert), (alert.Recipient, alert.Kind));
        Assert.Contains(input.Email!, alert.Body, StringComparison.Ordinal);
        var activation = Assert.Single(await RowsAsync(app, merchant.TenantId, "account_activation"));
        Assert.Equal((MessageChannel.Email, input.Email, customer.Id), (activation.Channel, activation.Recipient, activation.CustomerId));
        Assert.Equal("Bienvenue ! Activez votre compte fidélité", activation.Subject);
        Assert.Contains(customer.CardNumber, activation.TextBody, StringComparison.Ordinal);
        Assert.Null(await Accounts.LastMailToAsync(app, input.Email!));

        // The link in the message activates the login: the customer chooses a password and can sign in.
        var link = Assert.Single(System.Text.RegularExpressions.Regex.Matches(activation.TextBody!, @"https?://[^\s)]+/Account/Activate\?[^\s)]+"));
        using var browser = app.CreateBrowser();
        using var activated = await HtmlForms.SubmitAsync(browser, new Uri(link.Value).PathAndQuery, "activate",
            new Dictionary<string, string> { ["Input.Password"] = Accounts.Password, ["Input.ConfirmPassword"] = Accounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        using var other = app.CreateBrowser();
        await Accounts.SignInOrFailAsync(other, input.Email!, Accounts.Password, merchant.Slug);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_live_mode_the_activation_link_still_goes_by_the_plain_email(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, MerchantMobile);
        await ConfigureAsync(app, merchant.TenantId, s => s.LiveMode = false);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var input = CustomerHelpers.NewCustomer();

        await CustomerHelpers.RegisterAsync(app, merchant.TenantId, shop, input);

        Assert.Empty(await RowsAsync(app, merchant.TenantId, "account_activation"));
        Assert.Single(await RowsAsync(app, merchant.TenantId, "new_account_alert"));
        var mail = await Accounts.LastMailToAsync(app, input.Email!);
        Assert.NotNull(mail);
        Assert.Contains("/Account/Activate", Accounts.LinkIn(mail, "/Account/Activate"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_test_send_is_an_outbox_row_marked_as_test_that_costs_credits(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var template = MessageTemplateInput.From(DefaultTemplates.Get(MessageEvent.OrderReady, MessageChannel.Email, "en"));
        Task<Core.Common.Result> Send() => app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<TemplatePreviewService>()
            .SendTestAsync(MessageEvent.OrderReady, MessageChannel.Email, "en", template, null, "me@test.example"));

        var refused = await Send();
        Assert.False(refused.Succeeded);
        Assert.StartsWith("Not enough email credits", refused.Errors.Values.SelectMany(e => e).Single(), StringComparison.Ordinal);
        Assert.Empty(await MessagingHelpers.MessagesAsync(app, merchant.TenantId));

        await MessagingHelpers.GrantAsync(app, merchant.TenantId, MessageChannel.Email, 3);
        var sent = await Send();
        Assert.True(sent.Succeeded, Accounts.Describe(sent.Errors));
        var row = Assert.Single(await MessagingHelpers.MessagesAsync(app, merchant.TenantId));
        Assert.Equal((true, "test", MessageKind.MerchantAlert, "me@test.example", OutboxState.Queued), (row.IsTest, row.Source, row.Kind, row.Recipient, row.State));
        Assert.StartsWith("[Test] ", row.Subject, StringComparison.Ordinal);
        Assert.Equal((2L, 1L), await OutboxDispatchTests.AvailableReservedAsync(app, merchant.TenantId, MessageChannel.Email));
    }
}

/// <summary>Per provider, an app dispatching through a <see cref="TestGateway"/> with live mode as each tenant's settings say.</summary>
public sealed class SettingsDispatchApps : IAsyncLifetime
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<TestApp>>> apps = new();

    public TestGateway Gateway { get; } = new();

    public Task<TestApp> GetAsync(string provider) =>
        apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(async () => await TestApp.StartAsync(
            new TestApp(await TestDatabase.CreateAsync(p), settings: DispatchApps.FastDispatch, configureServices: services =>
            {
                services.AddSingleton<ISmsGateway>(Gateway);
                services.AddSingleton<IEmailGateway>(Gateway);
            })))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values.Where(a => a.IsValueCreated && a.Value.IsCompletedSuccessfully))
        {
            await app.Value.Result.DisposeAsync();
        }
    }
}

/// <summary>Live mode from the messaging settings (SPEC §7), as the dispatcher applies it to automatic messages.</summary>
public sealed class AutomaticLiveModeTests(SettingsDispatchApps apps) : IClassFixture<SettingsDispatchApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task With_live_mode_off_the_customer_message_is_recorded_as_test_and_the_alert_is_sent(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await ReadyMerchantAsync(app, "+33699887766");
        await ConfigureAsync(app, merchant.TenantId, s => s.LiveMode = false);
        using var client = await ApiClients.ForAsync(app, merchant);

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", ApiClients.Order("L-1", customer: new { phone = "+33612345678", language = "en" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rows = await MessagingHelpers.WaitUntilSettledAsync(app, merchant.TenantId, TimeSpan.FromSeconds(60));

        var alert = rows.Single(r => r.Source == "new_order_alert");
        var customer = rows.Single(r => r.Source == "new_order");
        Assert.Equal((OutboxState.Sent, 1), (alert.State, apps.Gateway.Calls[(merchant.TenantId, alert.Id)]));
        Assert.Equal((OutboxState.NotSentTest, "Live mode is off: test, not sent."), (customer.State, customer.LastError));
        Assert.False(apps.Gateway.Calls.ContainsKey((merchant.TenantId, customer.Id)));

        // The dispatcher reads the switch from the settings.
        await GoLiveAsync(app, merchant.TenantId);
        var live = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ILiveMode>().IsLiveAsync(CancellationToken.None));
        Assert.True(live);
    }
}

using System.Net;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.WebShop;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.WebShop.ApiClients;

namespace LoyaltyHub.IntegrationTests.Features.WebShop;

/// <summary>The web shops' API over real HTTP: orders, carts, returns, customers, on both databases.</summary>
public sealed class WebShopApiTests(TestApps apps) : IClassFixture<TestApps>
{
    private static readonly string[] Groups = ["Newsletter", "vip"];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_order_is_created_read_and_changed(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("A-1001", status: "processing"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/orders/A-1001", created.Headers.Location?.OriginalString);

        var read = await (await client.GetAsync("/api/v1/orders/A-1001")).JsonAsync();
        Assert.Equal(("processing", "awaiting_payment", 4_990L, "EUR"),
            (read.GetProperty("status").GetString(), read.GetProperty("paymentState").GetString(), read.GetProperty("amount").GetInt64(), read.GetProperty("currency").GetString()));
        Assert.Equal(2, read.GetProperty("lines")[0].GetProperty("quantity").GetInt32());

        var changed = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/orders/A-1001", new { status = "ready", paymentState = "confirmed" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stored = await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().SingleAsync(o => o.TenantId == merchant.TenantId && o.Number == "A-1001"));
        Assert.Equal((OrderStatus.Ready, PaymentState.Confirmed), (stored.Status, stored.PaymentState));

        var duplicate = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("A-1001"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/orders/nope")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_gets_field_errors_and_writes_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);
        var bad = new
        {
            number = "B-1",
            amount = -5,
            status = "teleported",
            pickupShopId = int.MaxValue,
            customer = new { phone = "12", email = "not-an-email" },
            lines = new[] { new { productCode = "", name = "Mug", quantity = 0, unitPrice = 100 } },
        };

        var response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.NotEmpty(FieldErrors(problem, "amount"));
        Assert.Contains("pending", FieldErrors(problem, "status").Single(), StringComparison.Ordinal);
        Assert.NotEmpty(FieldErrors(problem, "customer.phone"));
        Assert.NotEmpty(FieldErrors(problem, "pickupShopId"));
        Assert.NotEmpty(FieldErrors(problem, "customer.email"));
        Assert.NotEmpty(FieldErrors(problem, "lines[0].productCode"));
        Assert.NotEmpty(FieldErrors(problem, "lines[0].quantity"));
        Assert.False(await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().AnyAsync(o => o.TenantId == merchant.TenantId)));

        var malformed = await client.PostAsync("/api/v1/orders", new StringContent("{\"number\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var malformedBody = await malformed.Content.ReadAsStringAsync();
        Assert.True(malformedBody.Contains("Malformed JSON", StringComparison.Ordinal), malformedBody);
        var notJson = await client.PostAsync("/api/v1/orders", new StringContent("number=1"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);

        await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("B-2"));
        var badChange = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/orders/B-2", new { status = "shipped", paymentState = "paid-ish" });
        Assert.Equal(HttpStatusCode.BadRequest, badChange.StatusCode);
        var unchanged = await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().SingleAsync(o => o.TenantId == merchant.TenantId && o.Number == "B-2"));
        Assert.Equal(OrderStatus.Pending, unchanged.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_cart_is_replaced_whole_and_a_return_needs_a_known_order(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);
        var email = Accounts.UniqueEmail("shopper");
        object Cart(int quantity, string url = "https://shop.example/cart/c-1") => new
        {
            customer = new { email, language = "it" },
            amountExclVat = 1_000 * quantity,
            recoveryUrl = url,
            lines = new[] { new { productCode = "TEA", name = "Green tea", quantity, unitPrice = 1_000 } },
        };

        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/carts/c-1", Cart(1))).StatusCode);
        var second = await (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/carts/c-1", Cart(3))).JsonAsync();
        Assert.Equal(3_000, second.GetProperty("amountExclVat").GetInt64());
        var cart = await app.QueryAsync(db => db.Set<Cart>().IgnoreQueryFilters().Include(c => c.Lines).SingleAsync(c => c.TenantId == merchant.TenantId));
        Assert.Equal(("it", 3), (cart.Language, cart.Lines.Single().Quantity));
        var insecure = await client.SendJsonAsync(HttpMethod.Put, "/api/v1/carts/c-1", Cart(5, "http://shop.example/cart"));
        Assert.NotEmpty(FieldErrors(await insecure.JsonAsync(), "recoveryUrl"));

        var orphan = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/returns", new { id = "R-1", orderNumber = "missing" });
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.NotEmpty(FieldErrors(await orphan.JsonAsync(), "orderNumber"));
        await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("C-7"));
        var request = new { id = "R-1", orderNumber = "C-7", reason = "Broken lid", lines = new[] { new { productCode = "SKU-1", name = "Coffee beans 1 kg", quantity = 1, unitPrice = 2_495 } } };
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/returns", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/returns", request)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_is_registered_then_updated_with_consents_logged_as_the_web_shop(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);
        var email = Accounts.UniqueEmail("member");

        var created = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new
        {
            email, firstName = "Marco", lastName = "Rossi", language = "it", birthDate = "1990-04-12", gender = "male",
            groups = Groups, emailConsent = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.True(CardNumbers.HasValidCheckDigit(body.GetProperty("cardNumber").GetString()!));
        Assert.Equal(["newsletter", "vip"], body.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        var updated = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new { email = email.ToUpperInvariant(), phone = "06 11 22 33 44", smsConsent = true, emailConsent = false });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var customer = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().SingleAsync(c => c.TenantId == merchant.TenantId && c.Email == email));
        Assert.Equal(("Marco", "+33611223344", Gender.Male, new DateOnly(1990, 4, 12)), (customer.FirstName, customer.Phone, customer.Gender, customer.BirthDate));
        Assert.Equal((true, false), (customer.SmsConsent.Granted, customer.EmailConsent.Granted));
        var log = await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().Where(e => e.CustomerId == customer.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.All(log, e => Assert.Equal(ConsentSources.WebShop, e.Source));
        Assert.Equal([(ConsentChannel.Email, true), (ConsentChannel.Sms, true), (ConsentChannel.Email, false)], log.Select(e => (e.Channel, e.Granted)));

        var nobody = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new { firstName = "No", lastName = "Contact" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        var noPhone = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/customers", new { email = Accounts.UniqueEmail("x"), firstName = "A", lastName = "B", smsConsent = true });
        Assert.NotEmpty(FieldErrors(await noPhone.JsonAsync(), "smsConsent"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Wrong_or_missing_credentials_get_401_and_old_credentials_stop_working(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var mine = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().GetAsync());
        var theirs = await app.AsTenantAsync(other.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().GetAsync());

        using var anonymous = app.CreateClient();
        var none = await anonymous.GetAsync("/api/v1/orders/x");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.StartsWith("Basic", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        foreach (var client in new[] { With(app, mine!.Key, theirs!.Secret), With(app, mine.Key, ""), With(app, "lh_unknown", mine.Secret) })
        {
            using (client)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("X-1"))).StatusCode);
            }
        }

        // A signed-in manager's cookie is no API credential.
        using var browser = app.CreateBrowser();
        await Accounts.SignInAsync(browser, merchant.ManagerEmail, Accounts.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/orders/x")).StatusCode);

        // Used just before (so remembered as verified), the old credentials still stop working at once.
        using var stale = With(app, mine.Key, mine.Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await stale.GetAsync("/api/v1/orders/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stale.GetAsync("/api/v1/orders/x")).StatusCode);
        var regenerated = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().RegenerateAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/v1/orders/x")).StatusCode);
        using var oldKeyNewSecret = With(app, mine.Key, regenerated.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldKeyNewSecret.GetAsync("/api/v1/orders/x")).StatusCode);
        using var fresh = With(app, regenerated.Key, regenerated.Secret);
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.GetAsync("/api/v1/orders/x")).StatusCode);
        Assert.False(await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().AnyAsync(o => o.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_remembered_key_passes_only_with_its_own_secret(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var credentials = await app.AsTenantAsync(merchant.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().GetAsync());
        var theirs = await app.AsTenantAsync(other.TenantId, sp => sp.GetRequiredService<ApiCredentialService>().GetAsync());
        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ApiCredentialService>();

        Assert.Equal(merchant.TenantId, await service.AuthenticateAsync(credentials!.Key, credentials.Secret));
        Assert.Equal(merchant.TenantId, await service.AuthenticateAsync(credentials.Key, credentials.Secret));
        Assert.Null(await service.AuthenticateAsync(credentials.Key, credentials.Secret + "x"));
        Assert.Null(await service.AuthenticateAsync(credentials.Key, theirs!.Secret));
        Assert.Equal(other.TenantId, await service.AuthenticateAsync(theirs.Key, theirs.Secret));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_merchant_cannot_read_or_change_another_merchants_order(string provider)
    {
        var app = await apps.GetAsync(provider);
        var first = await Accounts.SignUpMerchantAsync(app);
        var second = await Accounts.SignUpMerchantAsync(app);
        using var firstShop = await ForAsync(app, first);
        using var secondShop = await ForAsync(app, second);
        await firstShop.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("SAME-1"));

        Assert.Equal(HttpStatusCode.NotFound, (await secondShop.GetAsync("/api/v1/orders/SAME-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secondShop.SendJsonAsync(HttpMethod.Patch, "/api/v1/orders/SAME-1", new { status = "cancelled" })).StatusCode);
        // Order numbers are the shop's own: the same number at another merchant is another order.
        Assert.Equal(HttpStatusCode.Created, (await secondShop.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("SAME-1", amount: 100))).StatusCode);
        var firstOrder = await (await firstShop.GetAsync("/api/v1/orders/SAME-1")).JsonAsync();
        Assert.Equal(("pending", 4_990L), (firstOrder.GetProperty("status").GetString(), firstOrder.GetProperty("amount").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_idempotency_key_replays_the_first_answer_and_refuses_another_body(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);
        var key = Guid.NewGuid().ToString();
        var order = Order("I-1");

        var first = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", order, key);
        var replay = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", order, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, replay.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var other = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("I-2"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().CountAsync(o => o.TenantId == merchant.TenantId)));

        // Eight simultaneous retries of one new request: one order; every answer is the order or "still processing".
        var raceKey = Guid.NewGuid().ToString();
        var raced = Order("I-3");
        var race = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", raced, raceKey)));
        Assert.All(race, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(race, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters().CountAsync(o => o.TenantId == merchant.TenantId && o.Number == "I-3")));

        // The same key at another merchant is that merchant's own key.
        var other2 = await Accounts.SignUpMerchantAsync(app);
        using var otherClient = await ForAsync(app, other2);
        Assert.Equal(HttpStatusCode.Created, (await otherClient.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", Order("I-9"), key)).StatusCode);
    }

    [Fact]
    public async Task The_api_answers_errors_as_problems_serves_its_openapi_document_and_limits_each_merchant()
    {
        await using var database = await TestDatabase.CreateAsync(Providers.Sqlite);
        await using var app = await TestApp.StartAsync(new TestApp(database, ownsDatabase: false,
            settings: new Dictionary<string, string?> { ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" }));
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        using var client = await ForAsync(app, merchant);
        using var otherClient = await ForAsync(app, other);

        var document = await app.CreateClient().GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = (await document.JsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/orders", out _));
        Assert.True(paths.TryGetProperty("/api/v1/carts/{id}", out _));

        var unknown = await client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetAsync("/api/v1/orders/none"));
        }

        var limited = answers.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Another merchant has a bucket of its own.
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync("/api/v1/orders/none")).StatusCode);
    }
}

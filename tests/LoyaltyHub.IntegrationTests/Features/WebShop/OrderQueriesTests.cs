using LoyaltyHub.Core.Features.WebShop;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.WebShop;

/// <summary>OrderQueries as the order screens call them, on each database, with a second merchant's orders alongside.</summary>
public sealed class OrderQueriesTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_filters_and_pages_newest_first_within_the_tenant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await Accounts.SignUpMerchantAsync(app), await Accounts.SignUpMerchantAsync(app));
        var north = await Accounts.CreateShopAsync(app, a.TenantId);
        var south = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        await OrderHelpers.CreateAsync(app, a.TenantId, "A-100", "Léa", "Martin", "ready", "confirmed", north.Id, At("2026-03-01T10:00Z"));
        await OrderHelpers.CreateAsync(app, a.TenantId, "A-101", "Hugo", "Bernard", "processing", null, south.Id, At("2026-03-05T10:00Z"));
        // 23:30 UTC is already the 11th in Paris, the merchants' time zone.
        await OrderHelpers.CreateAsync(app, a.TenantId, "A-200", "Zoé", "Petit", "ready", "refused", null, At("2026-03-10T23:30Z"));
        // B uses an order number and a name of A's: neither may ever show up for A.
        await OrderHelpers.CreateAsync(app, b.TenantId, "A-100", "Léa", "Martin", "ready", "confirmed", bShop.Id, At("2026-03-12T10:00Z"));
        await OrderHelpers.CreateAsync(app, b.TenantId, "A-150", "Hugo", "Bernard", "ready", null, bShop.Id, At("2026-03-02T10:00Z"));

        // The numbers of the page, in order, as one string.
        async Task<(int Total, string Numbers)> Search(OrderSearch search, int skip = 0, int take = 25, Merchant? merchant = null)
        {
            var page = await app.AsTenantAsync((merchant ?? a).TenantId, sp => sp.GetRequiredService<OrderQueries>().SearchAsync(search, skip, take));
            return (page.Total, string.Join(' ', page.Rows.Select(r => r.Number)));
        }

        Assert.Equal((3, "A-200 A-101 A-100"), await Search(new()));
        Assert.Equal((3, "A-101"), await Search(new(), skip: 1, take: 1));
        Assert.Equal((2, "A-200 A-100"), await Search(new() { Status = OrderStatus.Ready }));
        Assert.Equal((1, "A-200"), await Search(new() { PaymentState = PaymentState.Refused }));
        Assert.Equal((1, "A-101"), await Search(new() { PickupShopId = south.Id }));
        Assert.Equal((0, ""), await Search(new() { PickupShopId = bShop.Id }));
        Assert.Equal((2, "A-101 A-100"), await Search(new() { Text = "A-10" }));
        Assert.Equal((1, "A-100"), await Search(new() { Text = "A-100" }));
        Assert.Equal((1, "A-100"), await Search(new() { Text = "martin" }));
        Assert.Equal((1, "A-101"), await Search(new() { Text = "Hugo Bern" }));
        Assert.Equal((1, "A-200"), await Search(new() { Text = "ZOÉ.PETIT@" }));
        Assert.Equal((1, "A-200"), await Search(new() { From = new DateOnly(2026, 3, 11) }));
        Assert.Equal((2, "A-101 A-100"), await Search(new() { To = new DateOnly(2026, 3, 10) }));
        Assert.Equal((1, "A-101"), await Search(new() { From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 10), Text = "a-1" }));
        Assert.Equal((2, "A-100 A-150"), await Search(new(), merchant: b));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_order_opens_with_lines_shop_and_returns_and_another_merchants_order_is_not_found(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await Accounts.SignUpMerchantAsync(app), await Accounts.SignUpMerchantAsync(app));
        var shop = await Accounts.CreateShopAsync(app, a.TenantId);
        var mine = await OrderHelpers.CreateAsync(app, a.TenantId, "D-1", "Léa", "Martin", "delivered", "confirmed", shop.Id, At("2026-03-01T10:00Z"));
        var theirs = await OrderHelpers.CreateAsync(app, b.TenantId, "D-2", "Léa", "Martin", "ready", null, null, At("2026-03-01T10:00Z"));
        var returned = await app.AsTenantAsync(a.TenantId, sp => sp.GetRequiredService<WebShopService>().RequestReturnAsync(new ReturnInput
        {
            Id = "R-1",
            OrderNumber = "D-1",
            Reason = "Broken lid",
            Lines = [new LineInput { ProductCode = "MUG", Name = "Mug", Quantity = 1, UnitPrice = 1_800 }],
        }));
        Assert.True(returned.Succeeded, Accounts.Describe(returned.Errors));

        Task<OrderDetails?> Find(Guid tenantId, int id) => app.AsTenantAsync(tenantId, sp => sp.GetRequiredService<OrderQueries>().FindAsync(id));
        var details = await Find(a.TenantId, mine);

        Assert.NotNull(details);
        Assert.Equal(("D-1", shop.Name), (details.Order.Number, details.PickupShopName));
        Assert.Equal([("BEAN", 2, 1_250L), ("MUG", 1, 1_800L)], details.Order.Lines.Select(l => (l.ProductCode, l.Quantity, l.UnitPriceMinor)));
        var request = Assert.Single(details.Returns);
        Assert.Equal(("R-1", "Broken lid"), (request.ExternalId, request.Reason));
        Assert.Null(await Find(a.TenantId, theirs));
        Assert.Null(await Find(b.TenantId, mine));
        Assert.NotNull(await Find(b.TenantId, theirs));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_counter_lists_the_orders_to_collect_at_a_shop_or_at_every_shop(string provider)
    {
        var app = await apps.GetAsync(provider);
        var (a, b) = (await Accounts.SignUpMerchantAsync(app), await Accounts.SignUpMerchantAsync(app));
        var north = await Accounts.CreateShopAsync(app, a.TenantId);
        var south = await Accounts.CreateShopAsync(app, a.TenantId);
        var bShop = await Accounts.CreateShopAsync(app, b.TenantId);
        await OrderHelpers.CreateAsync(app, a.TenantId, "C-1", "Léa", "Martin", "ready", null, north.Id, At("2026-03-01T10:00Z"));
        await OrderHelpers.CreateAsync(app, a.TenantId, "C-2", "Hugo", "Bernard", "processing", null, north.Id, At("2026-03-02T10:00Z"));
        await OrderHelpers.CreateAsync(app, a.TenantId, "C-3", "Zoé", "Petit", "ready", null, south.Id, At("2026-03-03T10:00Z"));
        await OrderHelpers.CreateAsync(app, a.TenantId, "C-4", "Inès", "Moreau", "ready", null, null, At("2026-03-04T10:00Z"));
        await OrderHelpers.CreateAsync(app, b.TenantId, "C-5", "Léa", "Martin", "ready", null, bShop.Id, At("2026-03-05T10:00Z"));

        async Task<string[]> ToCollect(int? shopId, OrderStatus? status = OrderStatus.Ready) =>
            [.. (await app.AsTenantAsync(a.TenantId, sp => sp.GetRequiredService<OrderQueries>().ToCollectAsync(shopId, status))).Select(r => r.Number)];

        Assert.Equal(["C-1"], await ToCollect(north.Id));
        Assert.Equal(["C-2", "C-1"], await ToCollect(north.Id, status: null));
        // Every shop: collected orders only (C-4 is delivered), and only this merchant's.
        Assert.Equal(["C-3", "C-1"], await ToCollect(null));
        Assert.Empty(await ToCollect(bShop.Id));
        var row = (await app.AsTenantAsync(a.TenantId, sp => sp.GetRequiredService<OrderQueries>().ToCollectAsync(south.Id))).Single();
        Assert.Equal(("Zoé Petit", south.Name, 4_300L, "EUR"), (row.Customer, row.PickupShopName, row.AmountMinor, row.Currency));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Orders made as the web shop makes them, through <see cref="WebShopService"/>.</summary>
public static class OrderHelpers
{
    /// <summary>An order of two lines (2 × BEAN at 12.50, 1 × MUG at 18.00: 43.00 EUR); returns its id.</summary>
    public static async Task<int> CreateAsync(TestApp app, Guid tenantId, string number, string firstName, string lastName,
        string status, string? paymentState, int? pickupShopId, DateTimeOffset placedAt)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{firstName}.{lastName}@example.com".ToLowerInvariant();
        var input = new OrderInput
        {
            Number = number,
            Customer = new ContactInput { Email = email, FirstName = firstName, LastName = lastName, Language = "fr" },
            Amount = 4_300,
            Currency = "EUR",
            Status = status,
            PaymentState = paymentState,
            PickupShopId = pickupShopId,
            PlacedAt = placedAt,
            Lines =
            [
                new LineInput { ProductCode = "BEAN", Name = "Coffee beans", Quantity = 2, UnitPrice = 1_250 },
                new LineInput { ProductCode = "MUG", Name = "Mug", Quantity = 1, UnitPrice = 1_800 },
            ],
        };
        var result = await app.AsTenantAsync(tenantId, sp => sp.GetRequiredService<WebShopService>().CreateOrderAsync(input));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return await app.QueryAsync(db => db.Set<Order>().IgnoreQueryFilters()
            .Where(o => o.TenantId == tenantId && o.Number == number).Select(o => o.Id).SingleAsync());
    }
}

using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.GiftCards.GiftCardHelpers;

namespace LoyaltyHub.IntegrationTests.Features.GiftCards;

/// <summary>Selling, finding and redeeming gift cards on each database.</summary>
public sealed class GiftCardServiceTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sale_writes_an_issue_row_and_a_partial_redemption_leaves_the_remainder(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var card = await SellPhysicalAsync(app, merchant.TenantId, "50", shopId: shop.Id);

        Assert.Equal((5000L, "EUR", GiftCardStatus.Active), (card.Card.BalanceMinor, card.Card.Currency, card.Card.Status));
        var issue = Assert.Single(await EntriesAsync(app, card.Card.Id));
        Assert.Equal((GiftCardEntryKind.Issue, 5000L, shop.Id, merchant.TenantId), (issue.Kind, issue.AmountMinor, issue.ShopId, issue.TenantId));

        var used = await CallAsync(app, merchant.TenantId, s => s.RedeemAsync(CardNumbers.Display(card.Card.Number), 1250, shop.Id, "staff-id"));
        Assert.True(used.Succeeded, Accounts.Describe(used.Errors));
        Assert.Equal((1250L, 3750L), (used.Value!.AmountMinor, used.Value.BalanceMinor));

        var found = await CallAsync(app, merchant.TenantId, s => s.FindAsync(card.Card.Number));
        Assert.Equal(3750L, found.Value!.Card.BalanceMinor);
        Assert.Equal([(GiftCardEntryKind.Redeem, -1250L), (GiftCardEntryKind.Issue, 5000L)], found.Value.History.Select(h => (h.Kind, h.AmountMinor)));
        Assert.Equal(shop.Name, found.Value.History[0].ShopName);
        var entries = await EntriesAsync(app, card.Card.Id);
        Assert.Equal((await StoredAsync(app, card.Card.Id)).BalanceMinor, entries.Sum(e => e.AmountMinor));

        // Using it up exactly to zero is allowed; the card then shows as used up.
        var rest = await CallAsync(app, merchant.TenantId, s => s.RedeemAsync(card.Card.Number, 3750, shop.Id, "staff-id"));
        Assert.Equal(0L, rest.Value!.BalanceMinor);
        Assert.Equal(GiftCardStatus.UsedUp, (await CallAsync(app, merchant.TenantId, s => s.FindAsync(card.Card.Number))).Value!.Card.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_redemptions_get_a_clear_message_and_write_nothing(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var card = await SellPhysicalAsync(app, merchant.TenantId, "20");
        var expired = await SellPhysicalAsync(app, merchant.TenantId, "20", expiresOn: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)));
        // Sold with a future date, then moved into the past as time would.
        await app.QueryAsync(db => db.Set<GiftCard>().IgnoreQueryFilters().Where(c => c.Id == expired.Card.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresOn, new DateOnly(2020, 1, 31))));

        async Task<Core.Common.Result> Redeem(Guid tenantId, string number, long amount) =>
            await CallAsync(app, tenantId, s => s.RedeemAsync(number, amount, null, "staff-id"));

        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, card.Card.Number, 2001), "Amount",
            "The gift card balance is not enough. It has 20.00 EUR left.");
        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, card.Card.Number, 0), "Amount", "Enter an amount greater than 0.");
        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, card.Card.Number, -5), "Amount", "Enter an amount greater than 0.");
        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, expired.Card.Number, 100), "Number",
            "This gift card expired on 2020-01-31. It can no longer be used.");
        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, CardNumbers.Generate(), 100), "Number", "This gift card was not found.");
        CustomerHelpers.AssertField(await Redeem(merchant.TenantId, "1234", 100), "Number", "A gift card number has 8 to 19 digits.");
        // Another merchant's staff scanning this card: not found, nothing written.
        CustomerHelpers.AssertField(await Redeem(other.TenantId, card.Card.Number, 100), "Number", "This gift card was not found.");
        Assert.False((await CallAsync(app, other.TenantId, s => s.FindAsync(card.Card.Number))).Succeeded);

        Assert.Single(await EntriesAsync(app, card.Card.Id));
        Assert.Single(await EntriesAsync(app, expired.Card.Id));
        Assert.Equal(2000L, (await StoredAsync(app, card.Card.Id)).BalanceMinor);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<GiftCardEntry>().IgnoreQueryFilters().CountAsync(e => e.TenantId == other.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_sales_are_refused_with_every_message(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var taken = await SellPhysicalAsync(app, merchant.TenantId, "10");

        var invalid = await CallAsync(app, merchant.TenantId, s => s.SellAsync(new GiftCardInput
        {
            Kind = GiftCardKind.Physical, Number = "4111 1111 1111 1112", Amount = "10001", ExpiresOn = new DateOnly(2020, 1, 1),
        }, new GiftCardActor(null, null)));
        CustomerHelpers.AssertField(invalid, "Number", "This gift card number is not valid: check each digit (the last one is a check digit).");
        CustomerHelpers.AssertField(invalid, "Amount", "A gift card is at most 10000.00 EUR.");
        CustomerHelpers.AssertField(invalid, "ExpiresOn", "The expiry date cannot be in the past.");

        var duplicate = await CallAsync(app, merchant.TenantId, s => s.SellAsync(
            new GiftCardInput { Kind = GiftCardKind.Physical, Number = taken.Card.Number, Amount = "5" }, new GiftCardActor(null, null)));
        CustomerHelpers.AssertField(duplicate, "Number", GiftCardService.NumberInUse);

        var noEmail = await CallAsync(app, merchant.TenantId, s => s.SellAsync(
            new GiftCardInput { Kind = GiftCardKind.Virtual, Amount = "0" }, new GiftCardActor(null, null)));
        CustomerHelpers.AssertField(noEmail, "Amount", "Enter an amount greater than 0.");
        CustomerHelpers.AssertField(noEmail, "RecipientEmail", "Enter the recipient's email: a virtual card is sent to it.");
        Assert.Equal(1, await app.QueryAsync(db => db.Set<GiftCard>().IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_virtual_card_is_mailed_to_its_recipient_with_number_and_amount(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("recipient");
        var sold = await CallAsync(app, merchant.TenantId, s => s.SellAsync(new GiftCardInput
        {
            Kind = GiftCardKind.Virtual, Amount = "25,50", RecipientEmail = email, RecipientName = "<b>Zoé</b>", Message = "Happy birthday & more",
        }, new GiftCardActor("manager-id", null)));

        Assert.True(sold.Succeeded, Accounts.Describe(sold.Errors));
        var number = sold.Value!.Card.Number;
        Assert.True(CardNumbers.HasValidCheckDigit(number));
        var mail = await Accounts.LastMailToAsync(app, email);
        Assert.NotNull(mail);
        Assert.Contains(CardNumbers.Display(number), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("25.50 EUR", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(CardNumbers.Display(number), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Zoé&lt;/b&gt;", mail.HtmlBody.Replace("&#233;", "é", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Zo", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Happy birthday &amp; more", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_pages_and_searches_the_tenants_cards(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var other = await Accounts.SignUpMerchantAsync(app);
        var cards = new List<GiftCardDetails>();
        for (var i = 0; i < 3; i++)
        {
            cards.Add(await SellPhysicalAsync(app, merchant.TenantId, "10"));
        }

        await SellPhysicalAsync(app, other.TenantId, "10");
        var page = await CallAsync(app, merchant.TenantId, s => s.ListAsync(null, 0, 2));
        Assert.Equal(3, page.Total);
        Assert.Equal([cards[2].Card.Id, cards[1].Card.Id], page.Rows.Select(r => r.Id));
        var search = await CallAsync(app, merchant.TenantId, s => s.ListAsync(cards[0].Card.Number, 0, 10));
        Assert.Equal(cards[0].Card.Id, Assert.Single(search.Rows).Id);
    }
}

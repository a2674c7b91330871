using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.GiftCards;

/// <summary>Sells and reads gift cards through <see cref="GiftCardService"/> as the counter does.</summary>
public static class GiftCardHelpers
{
    public static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<GiftCardService, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<GiftCardService>()));
    }

    /// <summary>A physical card with a fresh valid number, sold for <paramref name="amount"/>.</summary>
    public static async Task<GiftCardDetails> SellPhysicalAsync(TestApp app, Guid tenantId, string amount, DateOnly? expiresOn = null, int? shopId = null)
    {
        var input = new GiftCardInput { Kind = GiftCardKind.Physical, Number = CardNumbers.Generate(), Amount = amount, ExpiresOn = expiresOn };
        var result = await CallAsync(app, tenantId, s => s.SellAsync(input, new GiftCardActor("staff-id", shopId)));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    /// <summary>Every ledger row of one card, across tenants.</summary>
    public static Task<List<GiftCardEntry>> EntriesAsync(TestApp app, int cardId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.Set<GiftCardEntry>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.GiftCardId == cardId).OrderBy(e => e.Id).ToListAsync());
    }

    public static Task<GiftCard> StoredAsync(TestApp app, int cardId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.QueryAsync(db => db.Set<GiftCard>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == cardId));
    }
}

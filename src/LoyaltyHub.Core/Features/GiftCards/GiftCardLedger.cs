using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>
/// The one debit rule of gift cards, shared by the counter (<see cref="GiftCardService.RedeemAsync"/>)
/// and purchase payments (<see cref="GiftCardPayments"/>). It runs inside the caller's transaction:
/// a conditional update takes the amount off the cached balance only while it covers it, and the
/// ledger row is written next to it, so of two concurrent spends of one balance exactly one passes
/// (PostgreSQL re-checks the condition after the row lock; SQLite has one writer at a time).
/// </summary>
internal static class GiftCardLedger
{
    public const string NotFound = "This gift card was not found.";
    public const string NotEnough = "The gift card balance is not enough.";

    public static string ExpiredMessage(DateOnly expiresOn) =>
        $"This gift card expired on {expiresOn:yyyy-MM-dd}. It can no longer be used.";

    /// <summary>Validates and takes <paramref name="amountMinor"/> from the card; writes nothing on failure.</summary>
    public static async Task<Result<GiftCardRedemption>> DebitAsync(
        AppDbContext db, string? cardNumber, long amountMinor, GiftCardActor actor, Guid? purchaseKey,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (amountMinor <= 0)
        {
            return Result<GiftCardRedemption>.Fail("Amount", MoneyTextAttribute.PositiveMessage);
        }

        if (amountMinor > Money.MaxMinor)
        {
            return Result<GiftCardRedemption>.Fail("Amount", Money.TooLargeMessage);
        }

        if (!GiftCardNumbers.TryNormalize(cardNumber, out var number, out var numberError))
        {
            return Result<GiftCardRedemption>.Fail("Number", numberError);
        }

        // The tenant filter hides other tenants' cards: their numbers are "not found" too.
        var card = await db.Set<GiftCard>().AsNoTracking()
            .Where(c => c.Number == number)
            .Select(c => new { c.Id, c.ExpiresOn, c.BalanceMinor, c.Currency })
            .FirstOrDefaultAsync(cancellationToken);
        if (card is null)
        {
            return Result<GiftCardRedemption>.Fail("Number", NotFound);
        }

        if (card.ExpiresOn is { } expiresOn && await TodayAsync(db, now, cancellationToken) > expiresOn)
        {
            return Result<GiftCardRedemption>.Fail("Number", ExpiredMessage(expiresOn));
        }

        var taken = await db.Set<GiftCard>()
            .Where(c => c.Id == card.Id && c.BalanceMinor >= amountMinor)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.BalanceMinor, c => c.BalanceMinor - amountMinor)
                .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        if (taken == 0)
        {
            var balance = await BalanceAsync(db, card.Id, cancellationToken);
            return Result<GiftCardRedemption>.Fail("Amount", $"{NotEnough} It has {Money.Format(balance, card.Currency)} left.");
        }

        db.Add(new GiftCardEntry
        {
            GiftCardId = card.Id,
            Kind = GiftCardEntryKind.Redeem,
            AmountMinor = -amountMinor,
            ShopId = actor.ShopId,
            StaffId = actor.UserId,
            PurchaseKey = purchaseKey,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result<GiftCardRedemption>.Ok(new GiftCardRedemption(
            number, amountMinor, await BalanceAsync(db, card.Id, cancellationToken), card.Currency));
    }

    /// <summary>
    /// Gives back what <paramref name="purchaseKey"/> took and has not been given back yet, one
    /// Reversal row per card; a second call finds nothing left and writes nothing.
    /// </summary>
    public static async Task ReverseAsync(AppDbContext db, Guid purchaseKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Touch the cards first: the row locks (PostgreSQL) or the write lock (SQLite) make a
        // concurrent reversal of the same purchase wait, then see this one's rows and add none.
        var cardIds = db.Set<GiftCardEntry>().Where(e => e.PurchaseKey == purchaseKey).Select(e => e.GiftCardId);
        await db.Set<GiftCard>().Where(c => cardIds.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
        var open = await db.Set<GiftCardEntry>().AsNoTracking()
            .Where(e => e.PurchaseKey == purchaseKey)
            .GroupBy(e => e.GiftCardId)
            .Select(g => new { CardId = g.Key, Net = g.Sum(e => e.AmountMinor), ShopId = g.Max(e => e.ShopId) })
            .ToListAsync(cancellationToken);
        foreach (var card in open.Where(c => c.Net < 0))
        {
            var back = -card.Net;
            await db.Set<GiftCard>().Where(c => c.Id == card.CardId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.BalanceMinor, c => c.BalanceMinor + back)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            db.Add(new GiftCardEntry
            {
                GiftCardId = card.CardId,
                Kind = GiftCardEntryKind.Reversal,
                AmountMinor = back,
                ShopId = card.ShopId,
                PurchaseKey = purchaseKey,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Today in the tenant's time zone: expiry dates are the merchant's calendar days.</summary>
    public static async Task<DateOnly> TodayAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zoneId = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        return Today(zoneId, now);
    }

    public static DateOnly Today(string zoneId, DateTimeOffset now) => TimeZones.Today(now, TimeZones.Find(zoneId));

    private static Task<long> BalanceAsync(AppDbContext db, int cardId, CancellationToken cancellationToken) =>
        db.Set<GiftCard>().Where(c => c.Id == cardId).Select(c => c.BalanceMinor).SingleAsync(cancellationToken);
}

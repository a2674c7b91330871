using Bogus;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.Core.Features.Shops;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Demo;

/// <summary>
/// The demo merchant's history: three reward programs, a few gift cards and
/// <see cref="Purchases"/> purchases of the crowd over the last 18 months (Bogus, fixed seed).
/// The ledger is written directly in bulk with the rules of <see cref="PurchaseService"/>: one earn
/// row per purchase (<see cref="LoyaltyMath.PointsEarned"/> at the default earn rule, expiring after
/// the default validity) and one balance row per customer equal to the sum of its rows. Lots already
/// past their expiry are closed by <see cref="PointsExpiry"/> on its next run, as in production.
/// </summary>
internal static class DemoHistory
{
    public const int Purchases = 50_000;

    public static IEnumerable<RewardProgram> Programs(IReadOnlyList<Shop> shops) =>
    [
        new() { Title = "10% off the bill", Type = RewardType.DiscountPercent, Percent = 10, Cost = 150 },
        new() { Title = "Free espresso every 10th visit", Type = RewardType.Gift, GiftName = "Espresso", Cost = 10, Trigger = RewardTrigger.PerVisit },
        new() { Title = "5% cashback for pros", Type = RewardType.CashbackPercent, Percent = 5, Cost = 100, ProOnly = true, ExcludedShopIds = [shops[1].Id] },
    ];

    public static IEnumerable<GiftCard> GiftCards(IReadOnlyList<Shop> shops, string currency, DateTimeOffset now) =>
        from i in Enumerable.Range(1, 4)
        let amount = i * 2_500L
        let number = $"90000000000{i}"
        select new GiftCard
        {
            Number = number + CardNumbers.CheckDigit(number),
            Kind = i % 2 == 0 ? GiftCardKind.Virtual : GiftCardKind.Physical,
            InitialAmountMinor = amount,
            BalanceMinor = amount,
            Currency = currency,
            ExpiresOn = i == 4 ? DateOnly.FromDateTime(now.UtcDateTime.AddYears(1)) : null,
            CreatedAt = now.AddDays(-30 * i),
            SoldAtShopId = shops[i % shops.Count].Id,
            Entries = { new GiftCardEntry { Kind = GiftCardEntryKind.Issue, AmountMinor = amount, ShopId = shops[i % shops.Count].Id, CreatedAt = now.AddDays(-30 * i) } },
        };

    /// <summary>
    /// When each purchase happens and who makes it, decided before the customers are saved so their
    /// last visit can be set; each purchase falls between the customer's registration and now.
    /// </summary>
    public static List<(Customer Customer, DateTime At)> Plan(List<Customer> crowd, DateTimeOffset now)
    {
        var faker = new Faker { Random = new Randomizer(2027) };
        var plan = new List<(Customer, DateTime)>(Purchases);
        for (var i = 0; i < Purchases; i++)
        {
            var customer = crowd[faker.Random.Int(0, crowd.Count - 1)];
            var span = (now - customer.CreatedAt).TotalMinutes;
            var at = customer.CreatedAt.AddMinutes(faker.Random.Double() * span).UtcDateTime;
            plan.Add((customer, at));
        }

        foreach (var group in plan.GroupBy(p => p.Item1))
        {
            group.Key.LastVisitAt = new DateTimeOffset(group.Max(p => p.Item2), TimeSpan.Zero);
        }

        return plan;
    }

    /// <summary>
    /// Writes the planned purchases in bulk, reads their ids back by idempotency key (unique in the
    /// tenant), then writes their lines, the earn rows and one balance row per customer.
    /// </summary>
    public static async Task WriteAsync(AppDbContext db, List<(Customer Customer, DateTime At)> plan, IReadOnlyList<Shop> shops,
        IReadOnlyList<Product> products, string currency, CancellationToken ct)
    {
        var faker = new Faker { Random = new Randomizer(2028) };
        var settings = new LoyaltySettings();
        var priced = products.Where(p => p.PriceMinor is > 0).ToList();
        var purchases = plan.OrderBy(p => p.At).Select(p => Purchase(faker, p.Customer, p.At, shops, priced, currency, settings)).ToList();
        await db.InsertAsync(purchases, ct);
        var ids = await db.Set<Purchase>().Select(p => new { p.IdempotencyKey, p.Id }).ToDictionaryAsync(p => p.IdempotencyKey, p => p.Id, ct);
        foreach (var purchase in purchases)
        {
            purchase.Id = ids[purchase.IdempotencyKey];
            purchase.Lines.ForEach(l => l.PurchaseId = purchase.Id);
        }

        await db.InsertAsync(purchases.SelectMany(p => p.Lines), ct);
        await db.InsertAsync(purchases.Where(p => p.PointsEarned > 0).Select(p => new PointEntry
        {
            CustomerId = p.CustomerId, Delta = p.PointsEarned, Kind = PointKind.Earn, PurchaseId = p.Id,
            ExpiresAt = p.CreatedAt.AddMonths(settings.PointsValidityMonths), CreatedAt = p.CreatedAt,
        }), ct);
        await db.InsertAsync(purchases.GroupBy(p => p.CustomerId).Select(g => new LoyaltyBalance
        {
            CustomerId = g.Key, Points = g.Sum(p => p.PointsEarned), VisitCount = g.Count(), PurchaseCount = g.Count(), Version = g.Count(),
        }), ct);
    }

    private static Purchase Purchase(Faker faker, Customer customer, DateTime at, IReadOnlyList<Shop> shops,
        List<Product> products, string currency, LoyaltySettings settings)
    {
        var purchase = new Purchase
        {
            IdempotencyKey = faker.Random.Guid(), ShopId = shops[faker.Random.Int(0, shops.Count - 1)].Id, CustomerId = customer.Id,
            Currency = currency, CreatedAt = at,
        };
        var lineCount = faker.Random.Int(1, 3);
        for (var i = 0; i < lineCount; i++)
        {
            var product = faker.PickRandom(products);
            var quantity = faker.Random.Int(1, 3);
            purchase.Lines.Add(new PurchaseLine { CategoryId = product.CategoryId, ProductId = product.Id, Quantity = quantity, AmountMinor = product.PriceMinor!.Value * quantity });
        }

        purchase.AmountMinor = purchase.Lines.Sum(l => l.AmountMinor);
        purchase.PointsEarned = LoyaltyMath.PointsEarned(purchase.AmountMinor, settings.EarnRule, LoyaltyMath.NeutralMultiplierPercent);
        return purchase;
    }
}

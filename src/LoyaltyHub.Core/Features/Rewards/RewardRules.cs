namespace LoyaltyHub.Core.Features.Rewards;

/// <summary>What the rules need to know about a customer at a shop, read inside one transaction.</summary>
/// <param name="PurchaseCount">Purchases recorded so far (voided ones not counted).</param>
/// <param name="UsedWelcomeIds">Welcome programs this customer has already received.</param>
public sealed record RewardContext(int ShopId, bool IsPro, long Points, int PurchaseCount, IReadOnlySet<int> UsedWelcomeIds);

/// <summary>A reward offered now, as a badge.</summary>
public sealed record RewardBadge(int Id, string Title, RewardType Type, int Percent, string? GiftName, int Cost, RewardTrigger Trigger)
{
    /// <summary>Points this badge spends when used (0 for welcome and per-visit rewards).</summary>
    public long PointsCost => Trigger == RewardTrigger.Points ? Cost : 0;
}

/// <summary>
/// A reward the customer could use at their next purchase in at least one shop: the customer's
/// portal shows it with where it applies, since a customer may shop anywhere.
/// </summary>
/// <param name="AllShops">True when it applies in every shop of the merchant.</param>
/// <param name="Shops">The names of the shops where it applies, by name.</param>
public sealed record PortalReward(RewardBadge Badge, bool AllShops, IReadOnlyList<string> Shops);

/// <summary>A shop as the reward rules see it.</summary>
public sealed record RewardShop(int Id, string Name);

/// <summary>
/// Which programs a customer may use at the purchase being recorded. A "visit" is a recorded
/// purchase: the purchase being recorded is visit number PurchaseCount + 1, so a per-visit program
/// of n is offered exactly when (PurchaseCount + 1) is a multiple of n. The welcome gift is offered
/// only on the first purchase (PurchaseCount = 0) and only if never received.
/// </summary>
public static class RewardRules
{
    public static bool IsAvailable(RewardProgram program, RewardContext context)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(context);
        if (!program.Active || program.ExcludedShopIds.Contains(context.ShopId) || (program.ProOnly && !context.IsPro))
        {
            return false;
        }

        return program.Trigger switch
        {
            RewardTrigger.WelcomeGift => context.PurchaseCount == 0 && !context.UsedWelcomeIds.Contains(program.Id),
            RewardTrigger.PerVisit => program.Cost > 0 && (context.PurchaseCount + 1) % program.Cost == 0,
            _ => context.Points >= program.Cost,
        };
    }

    public static IReadOnlyList<RewardBadge> Available(IEnumerable<RewardProgram> programs, RewardContext context) =>
        programs.Where(p => IsAvailable(p, context))
            .Select(Badge)
            .ToList();

    /// <summary>
    /// The programs the customer may use in at least one of <paramref name="shops"/> (the rules
    /// as at the counter, shop by shop), each with the shops where it applies.
    /// </summary>
    public static IReadOnlyList<PortalReward> AvailableAnywhere(IEnumerable<RewardProgram> programs, RewardContext context, IReadOnlyList<RewardShop> shops)
    {
        ArgumentNullException.ThrowIfNull(programs);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(shops);
        var rewards = new List<PortalReward>();
        foreach (var program in programs)
        {
            var at = shops.Where(s => IsAvailable(program, context with { ShopId = s.Id })).Select(s => s.Name).ToList();
            if (at.Count > 0)
            {
                rewards.Add(new PortalReward(Badge(program), at.Count == shops.Count, at));
            }
        }

        return rewards;
    }

    public static RewardBadge Badge(RewardProgram p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Title, p.Type, p.Percent, p.GiftName, p.Cost, p.Trigger);
    }
}

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>
/// A tenant's earn rule as an exact ratio: <see cref="Points"/> points for every
/// <see cref="SpendMinor"/> minor units spent. "1 point per 1.00" is (1, 100); "1 point per 10.00"
/// is (1, 1000); "3 points per 1.00" is (3, 100). A ratio of integers keeps the rule exact where a
/// rate such as 0.1 point per cent would not be.
/// </summary>
public readonly record struct EarnRule(int Points, long SpendMinor)
{
    /// <summary>SPEC §4: 1 point per 1.00 of the currency.</summary>
    public static EarnRule Default { get; } = new(1, 100);
}

/// <summary>The arithmetic of points, kept pure so it is tested on its own.</summary>
public static class LoyaltyMath
{
    /// <summary>The neutral shop multiplier: the rule as it is.</summary>
    public const int NeutralMultiplierPercent = 100;

    /// <summary>
    /// Points for a purchase of <paramref name="amountMinor"/> at a shop whose multiplier is
    /// <paramref name="shopMultiplierPercent"/>: amount × points × percent ÷ (spend × 100), rounded
    /// down once at the end: 1.50 at 1 point per 1.00 in a 150% shop earns 2 (of 2.25), where
    /// rounding the base points first would give 1 × 1.5 = 1. A refund or
    /// a zero amount earns 0, never a negative number: reversals are separate ledger rows.
    /// </summary>
    public static long PointsEarned(long amountMinor, EarnRule rule, int shopMultiplierPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.SpendMinor, nameof(rule));
        if (amountMinor <= 0 || rule.Points <= 0 || shopMultiplierPercent <= 0)
        {
            return 0;
        }

        // Int128: the product of a long amount, the points and the percent cannot overflow.
        var points = (Int128)amountMinor * rule.Points * shopMultiplierPercent / ((Int128)rule.SpendMinor * 100);
        return (long)Int128.Min(points, long.MaxValue);
    }
}

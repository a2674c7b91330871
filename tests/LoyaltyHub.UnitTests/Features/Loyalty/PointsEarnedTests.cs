using System.Numerics;
using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.UnitTests.Features.Loyalty;

public sealed class PointsEarnedTests
{
    private const int Neutral = LoyaltyMath.NeutralMultiplierPercent;

    [Theory]
    [InlineData(1299, 12)] // 12.99 → 12: rounded down
    [InlineData(100, 1)]
    [InlineData(99, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    public void The_default_rule_is_one_point_per_unit_rounded_down(long amountMinor, long expected) =>
        Assert.Equal(expected, LoyaltyMath.PointsEarned(amountMinor, EarnRule.Default, Neutral));

    [Theory]
    [InlineData(-1)]
    [InlineData(-1250)]
    [InlineData(long.MinValue)]
    public void A_negative_amount_earns_nothing_rather_than_negative_points(long amountMinor) =>
        Assert.Equal(0, LoyaltyMath.PointsEarned(amountMinor, EarnRule.Default, Neutral));

    [Theory]
    [InlineData(2500, 1, 1000, 100, 2)] // 1 point per 10.00: 25.00 → 2
    [InlineData(250, 3, 100, 100, 7)] // 3 points per 1.00: 2.50 → 7 (7.5)
    [InlineData(150, 1, 100, 150, 2)] // 150%: 1.50 → 2 (2.25), not floor(1.5) × 1.5 = 1
    [InlineData(1000, 1, 100, 200, 20)] // double points
    [InlineData(1000, 1, 100, 50, 5)] // half points
    [InlineData(199, 1, 100, 50, 0)] // 0.995 → 0
    [InlineData(1000, 1, 100, 0, 0)] // a shop that earns nothing
    [InlineData(1000, 1, 100, -100, 0)] // never negative
    [InlineData(1000, 0, 100, 100, 0)] // a rule of zero points
    [InlineData(1, 1, 1, 100, 1)] // 1 point per cent
    public void Rule_and_shop_multiplier_combine_and_round_down_once(long amountMinor, int points, long spendMinor, int percent, long expected) =>
        Assert.Equal(expected, LoyaltyMath.PointsEarned(amountMinor, new EarnRule(points, spendMinor), percent));

    [Fact]
    public void Huge_amounts_do_not_overflow() =>
        Assert.Equal(long.MaxValue, LoyaltyMath.PointsEarned(long.MaxValue, new EarnRule(1000, 1), 1000));

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void A_rule_without_a_positive_spend_is_a_bug(long spendMinor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoyaltyMath.PointsEarned(100, new EarnRule(1, spendMinor), Neutral));

    [Fact]
    public void Matches_exact_arithmetic_over_random_purchases_and_is_monotonic()
    {
        // The property: floor(amount × points × percent ÷ (spend × 100)), ≥ 0, and more spent never earns less.
        var random = new Random(20261123);
        for (var i = 0; i < 10_000; i++)
        {
            var rule = new EarnRule(random.Next(0, 1001), random.NextInt64(1, 1_000_000));
            var percent = random.Next(-10, 1001);
            var amount = random.NextInt64(-1_000_000, 10_000_000_000);

            var earned = LoyaltyMath.PointsEarned(amount, rule, percent);

            var exact = amount <= 0 || percent <= 0 ? BigInteger.Zero
                : BigInteger.Divide(new BigInteger(amount) * rule.Points * percent, new BigInteger(rule.SpendMinor) * 100);
            Assert.Equal(exact, new BigInteger(earned));
            Assert.True(earned >= 0);
            Assert.True(LoyaltyMath.PointsEarned(amount + 1, rule, percent) >= earned);
        }
    }
}

using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class LookupKeysTests
{
    [Theory]
    [InlineData("dura", "durb")]
    [InlineData("durand9", "durand:")]
    [InlineData("dupont jean", "dupont jeao")]
    [InlineData("иван", "ивао")]
    public void A_name_prefix_ends_before_its_last_character_plus_one(string prefix, string upper)
    {
        Assert.Equal(upper, LookupKeys.UpperBound(prefix));
        // Everything that starts with the prefix sorts inside the range, in code point order.
        Assert.True(string.CompareOrdinal(prefix + "\uFFDC zzz", upper) < 0);
    }

    [Theory]
    [InlineData("dur", new[] { 1 })]
    [InlineData("Alice Durand", new[] { 2 })]
    [InlineData("Jean Pierre Dupont", new[] { 3 })]
    [InlineData("Anne Anne", new[] { 1 })]
    [InlineData("06 12 34 56 78", new[] { 1, 1 })]
    [InlineData("Alice@Example.com", new[] { 1 })]
    [InlineData("  ", new int[0])]
    public void Each_meaning_is_one_seek_per_word_order(string text, int[] seeksPerMeaning) =>
        Assert.Equal(seeksPerMeaning, LookupKeys.Parse(text, "FR").Meanings.Select(m => m.Seeks.Count));
}

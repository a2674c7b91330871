using LoyaltyHub.Core.Features.Identity;

namespace LoyaltyHub.UnitTests.Features.Identity;

public sealed class SlugifyTests
{
    [Theory]
    [InlineData("Café Rosé & Co", "cafe-rose-co")]
    [InlineData("Crème Brûlée", "creme-brulee")]
    [InlineData("Ångström Ñandú", "angstrom-nandu")]
    public void Accents_are_removed_and_words_joined_by_dashes(string name, string expected) =>
        Assert.Equal(expected, MerchantSignUp.Slugify(name));

    [Theory]
    [InlineData("  Hello,   World!!  ", "hello-world")]
    [InlineData("--Bakery--", "bakery")]
    [InlineData("A.B/C_D", "a-b-c-d")]
    [InlineData("Shop 42", "shop-42")]
    public void Punctuation_and_spaces_collapse_to_single_dashes_without_leading_or_trailing_ones(string name, string expected) =>
        Assert.Equal(expected, MerchantSignUp.Slugify(name));

    [Fact]
    public void Upper_case_becomes_lower_case() =>
        Assert.Equal("big-shop", MerchantSignUp.Slugify("BIG SHOP"));

    [Fact]
    public void Long_names_are_cut_to_40_characters() =>
        Assert.Equal(new string('a', 40), MerchantSignUp.Slugify(new string('a', 55)));

    [Fact]
    public void A_cut_that_ends_on_a_dash_drops_the_dash()
    {
        // 39 letters, a space (→ dash at index 39), then more letters: the 40-char cut ends with '-'.
        var slug = MerchantSignUp.Slugify(new string('b', 39) + " tail of the name");

        Assert.Equal(new string('b', 39), slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ???")]
    [InlineData("Москва")]
    public void Names_without_any_ascii_letter_or_digit_become_shop(string name) =>
        Assert.Equal("shop", MerchantSignUp.Slugify(name));

    [Fact]
    public void Null_becomes_shop() =>
        Assert.Equal("shop", MerchantSignUp.Slugify(null!));
}

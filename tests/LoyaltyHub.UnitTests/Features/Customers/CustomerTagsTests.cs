using LoyaltyHub.Core.Features.Customers;

namespace LoyaltyHub.UnitTests.Features.Customers;

public sealed class CustomerTagsTests
{
    [Fact]
    public void Tags_are_trimmed_lower_cased_and_deduplicated()
    {
        Assert.True(CustomerTags.TryParse(" VIP, coffee   Club;vip,, ", out var tags, out var error), error);
        Assert.Equal(["vip", "coffee club"], tags);
        Assert.Equal("coffee club, vip", CustomerTags.Format(tags));
    }

    [Fact]
    public void Empty_text_means_no_tags()
    {
        Assert.True(CustomerTags.TryParse(null, out var tags, out _));
        Assert.Empty(tags);
    }

    [Fact]
    public void Too_long_a_tag_or_too_many_tags_is_an_error()
    {
        Assert.False(CustomerTags.TryParse(new string('t', 41), out _, out var tooLong));
        Assert.Equal("A tag is at most 40 characters.", tooLong);
        Assert.False(CustomerTags.TryParse(string.Join(',', Enumerable.Range(0, 21).Select(i => $"t{i}")), out _, out var tooMany));
        Assert.Equal("A customer has at most 20 tags.", tooMany);
    }
}

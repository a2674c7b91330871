using LoyaltyHub.Core.Features.Messaging.Content;

namespace LoyaltyHub.UnitTests.Features.Messaging;

public sealed class SmsLengthTests
{
    private static string A(int count) => new('a', count);

    private static string Ж(int count) => new('ж', count);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_has_160_in_one_part_and_153_per_part_after(int length, int segments)
    {
        var measure = SmsLength.Measure(A(length));

        Assert.Equal(SmsEncoding.Gsm7, measure.Encoding);
        Assert.Equal(length, measure.Units);
        Assert.Equal(segments, measure.Segments);
        Assert.Empty(measure.Ucs2Characters);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void Ucs2_has_70_in_one_part_and_67_per_part_after(int length, int segments)
    {
        var measure = SmsLength.Measure(Ж(length));

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(length, measure.Units);
        Assert.Equal(segments, measure.Segments);
    }

    [Fact]
    public void Per_segment_limit_follows_the_number_of_parts()
    {
        Assert.Equal(160, SmsLength.Measure(A(160)).PerSegment);
        Assert.Equal(153, SmsLength.Measure(A(161)).PerSegment);
        Assert.Equal(70, SmsLength.Measure(Ж(70)).PerSegment);
        Assert.Equal(67, SmsLength.Measure(Ж(71)).PerSegment);
    }

    [Theory]
    [InlineData('^')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('[')]
    [InlineData('~')]
    [InlineData(']')]
    [InlineData('|')]
    [InlineData('€')]
    [InlineData('\f')]
    public void Extension_table_characters_count_two_and_stay_gsm7(char extension)
    {
        var measure = SmsLength.Measure($"Price 5{extension}");

        Assert.Equal(SmsEncoding.Gsm7, measure.Encoding);
        Assert.Equal(9, measure.Units);
    }

    [Fact]
    public void An_extension_character_tips_159_characters_over_one_part()
    {
        Assert.Equal(1, SmsLength.Measure(A(158) + "€").Segments); // 160 septets
        var over = SmsLength.Measure(A(159) + "€");                  // 161 septets

        Assert.Equal(161, over.Units);
        Assert.Equal(2, over.Segments);
    }

    [Fact]
    public void An_escape_pair_is_never_split_across_parts()
    {
        // 306 septets would fit two parts of 153, but the € would straddle the boundary at 152/153:
        // it moves whole to the second part, which then overflows into a third.
        var measure = SmsLength.Measure(A(152) + "€" + A(152));

        Assert.Equal(306, measure.Units);
        Assert.Equal(3, measure.Segments);
    }

    [Fact]
    public void An_escape_pair_that_ends_exactly_on_the_boundary_fits()
    {
        var measure = SmsLength.Measure(A(151) + "€" + A(153)); // 151 + 2 = 153, then 153

        Assert.Equal(306, measure.Units);
        Assert.Equal(2, measure.Segments);
    }

    [Fact]
    public void Gsm7_basic_accents_and_greek_letters_do_not_force_ucs2()
    {
        var measure = SmsLength.Measure("àèéìòù ÄÖÑÜäöñü ÅåÆæØøßÉÇ ΔΦΓΛΩΠΨΣΘΞ £$¥¤§¿¡ @_\r\n");

        Assert.Equal(SmsEncoding.Gsm7, measure.Encoding);
        Assert.Empty(measure.Ucs2Characters);
    }

    [Fact]
    public void One_character_outside_gsm7_forces_ucs2_and_is_reported_with_its_position()
    {
        var measure = SmsLength.Measure("Merci François, à bientôt");

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(25, measure.Units);
        Assert.Equal([new SmsForcingCharacter(10, "ç"), new SmsForcingCharacter(23, "ô")], measure.Ucs2Characters);
    }

    [Fact]
    public void In_ucs2_an_extension_character_counts_one()
    {
        var measure = SmsLength.Measure("€ж");

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(2, measure.Units);
    }

    [Fact]
    public void An_emoji_counts_two_units_and_is_one_forcing_character()
    {
        var measure = SmsLength.Measure("Hi 😀!");

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(6, measure.Units);
        Assert.Equal([new SmsForcingCharacter(3, "😀")], measure.Ucs2Characters);
    }

    [Fact]
    public void Emoji_at_the_single_limit()
    {
        Assert.Equal(1, SmsLength.Measure(Ж(68) + "😀").Segments); // 70 units
        Assert.Equal(2, SmsLength.Measure(Ж(69) + "😀").Segments); // 71 units
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_parts()
    {
        var measure = SmsLength.Measure(Ж(66) + "😀" + Ж(66)); // 134 units, but the emoji moves to part 2

        Assert.Equal(134, measure.Units);
        Assert.Equal(3, measure.Segments);
    }

    [Fact]
    public void A_lone_surrogate_forces_ucs2_and_counts_one()
    {
        var measure = SmsLength.Measure("a\ud83d");

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(2, measure.Units);
        Assert.Equal([new SmsForcingCharacter(1, "\ud83d")], measure.Ucs2Characters);
    }

    [Theory]
    [InlineData('\u00a0')] // no-break space
    [InlineData('\u2019')] // typographic apostrophe
    [InlineData('«')]
    [InlineData('\t')]
    [InlineData('`')]
    public void Lookalikes_of_gsm7_characters_force_ucs2(char c)
    {
        Assert.Equal(SmsEncoding.Ucs2, SmsLength.Measure($"ok{c}").Encoding);
    }

    [Fact]
    public void The_stop_mention_is_appended_on_its_own_line_and_counted()
    {
        const string Stop = "STOP au 36xxx";
        Assert.Equal("Soldes -20%\nSTOP au 36xxx", SmsLength.WithStopMention("Soldes -20% ", Stop));

        var measure = SmsLength.Measure(A(146), Stop); // 146 + newline + 13 = 160

        Assert.Equal(160, measure.Units);
        Assert.Equal(1, measure.Segments);
        Assert.Equal(2, SmsLength.Measure(A(147), Stop).Segments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_stop_mention_leaves_the_text_alone(string? stop)
    {
        Assert.Equal("Hello ", SmsLength.WithStopMention("Hello ", stop));
        Assert.Equal(6, SmsLength.Measure("Hello ", stop).Units);
    }

    [Fact]
    public void A_stop_mention_outside_gsm7_makes_the_whole_message_ucs2()
    {
        var measure = SmsLength.Measure(A(100), "СТОП 36xxx");

        Assert.Equal(SmsEncoding.Ucs2, measure.Encoding);
        Assert.Equal(111, measure.Units);
        Assert.Equal(2, measure.Segments);
        Assert.Equal(101, measure.Ucs2Characters[0].Index);
    }
}

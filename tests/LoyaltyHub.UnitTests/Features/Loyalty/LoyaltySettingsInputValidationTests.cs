using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.UnitTests.Features.Loyalty;

public sealed class LoyaltySettingsInputValidationTests
{
    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { nameof(LoyaltySettingsInput.EarnPoints), 0, "Points earned are a whole number from 1 to 1000." },
        { nameof(LoyaltySettingsInput.EarnPoints), 1001, "Points earned are a whole number from 1 to 1000." },
        { nameof(LoyaltySettingsInput.EarnSpend), "", "Enter the amount that earns the points, such as 1.00." },
        { nameof(LoyaltySettingsInput.EarnSpend), "0", MoneyTextAttribute.PositiveMessage },
        { nameof(LoyaltySettingsInput.EarnSpend), "0.00", MoneyTextAttribute.PositiveMessage },
        { nameof(LoyaltySettingsInput.EarnSpend), "-1", Money.NegativeMessage },
        { nameof(LoyaltySettingsInput.EarnSpend), "1.005", Money.DecimalsMessage },
        { nameof(LoyaltySettingsInput.PointsValidityMonths), 0, "Points stay valid from 1 to 120 months." },
        { nameof(LoyaltySettingsInput.PointsValidityMonths), 121, "Points stay valid from 1 to 120 months." },
        { nameof(LoyaltySettingsInput.Currency), "", "Choose a currency from the list." },
        { nameof(LoyaltySettingsInput.Currency), "XYZ", "Choose a currency from the list." },
        { nameof(LoyaltySettingsInput.Currency), "eur", "Choose a currency from the list." },
        { nameof(LoyaltySettingsInput.Currency), "JPY", "Choose a currency from the list." }, // no minor unit: not offered
        { nameof(LoyaltySettingsInput.TimeZone), "", "Choose a time zone such as Europe/Paris." },
        { nameof(LoyaltySettingsInput.TimeZone), "Mars/Olympus_Mons", "Choose a time zone such as Europe/Paris." },
        { nameof(LoyaltySettingsInput.TimeZone), "europe/paris", "Choose a time zone such as Europe/Paris." },
        { nameof(LoyaltySettingsInput.TimeZone), "Romance Standard Time", "Choose a time zone such as Europe/Paris." },
        { nameof(LoyaltySettingsInput.TimeZone), "+01:00", "Choose a time zone such as Europe/Paris." },
    };

    [Fact]
    public void The_defaults_are_valid_and_match_the_spec()
    {
        var input = new LoyaltySettingsInput();

        Assert.Null(Result.Validate(input));
        Assert.Equal((1, "1.00", 12), (input.EarnPoints, input.EarnSpend, input.PointsValidityMonths));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void IANA_time_zones_are_accepted(string zone) =>
        Assert.Null(Result.Validate(new LoyaltySettingsInput { TimeZone = zone }));

    [Fact]
    public void The_time_zone_list_offers_IANA_ids_only()
    {
        Assert.Contains("Europe/Paris", TimeZones.All);
        Assert.All(TimeZones.All, zone => Assert.True(TimeZones.IsIana(zone), zone));
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Each_rule_reports_its_message_on_its_field(string field, object? value, string message)
    {
        var input = new LoyaltySettingsInput();
        typeof(LoyaltySettingsInput).GetProperty(field)!.SetValue(input, value);

        var result = Result.Validate(input);

        Assert.NotNull(result);
        var (key, messages) = Assert.Single(result.Errors);
        Assert.Equal(field, key);
        Assert.Equal([message], messages);
    }
}

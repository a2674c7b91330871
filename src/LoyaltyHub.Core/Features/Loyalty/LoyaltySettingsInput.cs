using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Tenancy;

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>The loyalty settings form: the earn rule and validity, and the tenant's currency and time zone.</summary>
public sealed class LoyaltySettingsInput
{
    [Range(1, 1000, ErrorMessage = "Points earned are a whole number from 1 to 1000.")]
    public int EarnPoints { get; set; } = EarnRule.Default.Points;

    /// <summary>The spend that earns <see cref="EarnPoints"/>, typed in currency units ("1.00").</summary>
    [Required(ErrorMessage = "Enter the amount that earns the points, such as 1.00.")]
    [MoneyText(Positive = true)]
    public string EarnSpend { get; set; } = Money.ToText(EarnRule.Default.SpendMinor);

    [Range(1, 120, ErrorMessage = "Points stay valid from 1 to 120 months.")]
    public int PointsValidityMonths { get; set; } = 12;

    [Required(ErrorMessage = "Choose a currency from the list.")]
    [CurrencyCode]
    public string Currency { get; set; } = "EUR";

    [Required(ErrorMessage = "Choose a time zone such as Europe/Paris.")]
    [IanaTimeZone]
    public string TimeZone { get; set; } = "Europe/Paris";

    public static LoyaltySettingsInput From(LoyaltySettings settings, Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tenant);
        return new()
        {
            EarnPoints = settings.EarnPoints,
            EarnSpend = Money.ToText(settings.EarnSpendMinor),
            PointsValidityMonths = settings.PointsValidityMonths,
            Currency = tenant.Currency,
            TimeZone = tenant.TimeZone,
        };
    }

    /// <summary>Call only on a validated input: the spend then parses.</summary>
    internal void ApplyTo(LoyaltySettings settings, Tenant tenant)
    {
        settings.EarnPoints = EarnPoints;
        settings.EarnSpendMinor = Money.TryParseMinor(EarnSpend, out var minor, out _) ? minor : settings.EarnSpendMinor;
        settings.PointsValidityMonths = PointsValidityMonths;
        tenant.Currency = Currency;
        tenant.TimeZone = TimeZone;
    }
}

/// <summary>A shop and its earn multiplier in percent (100 when it has none).</summary>
public sealed record ShopMultiplier(int ShopId, string ShopName, int Percent);

using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.Web.Components.Shared;

/// <summary>How a points ledger row's kind reads to a person.</summary>
public static class PointsKindText
{
    public static string Of(PointKind kind) => kind switch
    {
        PointKind.Earn => "Earned",
        PointKind.Redeem => "Reward used",
        PointKind.Adjust => "Adjustment",
        PointKind.Expire => "Expired",
        PointKind.Reversal => "Purchase voided",
        _ => kind.ToString(),
    };
}

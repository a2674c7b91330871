using LoyaltyHub.Core.Features.GiftCards;
using Radzen;

namespace LoyaltyHub.Web.Components.Shared.GiftCards;

/// <summary>How gift card kinds and states read on screen.</summary>
internal static class GiftCardTexts
{
    public static string Kind(GiftCardEntryKind kind) => kind switch
    {
        GiftCardEntryKind.Issue => "Sold",
        GiftCardEntryKind.Redeem => "Used",
        _ => "Given back",
    };

    public static string Kind(GiftCardKind kind) => kind == GiftCardKind.Virtual ? "Virtual" : "Physical";

    public static string Status(GiftCardStatus status) => status switch
    {
        GiftCardStatus.Active => "Active",
        GiftCardStatus.UsedUp => "Used up",
        _ => "Expired",
    };

    public static BadgeStyle StatusStyle(GiftCardStatus status) => status switch
    {
        GiftCardStatus.Active => BadgeStyle.Success,
        GiftCardStatus.UsedUp => BadgeStyle.Light,
        _ => BadgeStyle.Danger,
    };
}

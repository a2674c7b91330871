using LoyaltyHub.Core.Features.Staff;

namespace LoyaltyHub.Core.Features.WebShop;

/// <summary>
/// The staff permissions of SPEC §2 as the order screens apply them: which shops' orders a person
/// sees at the counter, and whether the "order ready" button is offered, or why not. The screens use
/// it to show or explain; <see cref="IOrderReadyNotices"/> checks again when the button is pressed.
/// </summary>
public static class OrderReadyAccess
{
    public const string NotReady = "The ready notice is sent only for orders whose status is \"ready for pickup\".";
    public const string StaffNotAllowed = "Your manager has not allowed staff to send order-ready notices.";
    public const string OtherShop = "This order is collected at another shop: staff may notify only their own shop's orders.";

    /// <summary>Managers, and staff allowed to notify for other shops' orders, see every shop's orders; other staff their own shop's.</summary>
    public static bool SeesAllShops(StaffPermissions permissions, bool actsAsManager)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return actsAsManager || permissions.NotifyOtherShopsOrders;
    }

    /// <summary>Null when the person may send the notice for this order now; otherwise the reason they may not.</summary>
    public static string? Refusal(OrderStatus status, int? pickupShopId, StaffPermissions permissions, int? staffShopId, bool actsAsManager)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        if (status != OrderStatus.Ready)
        {
            return NotReady;
        }

        if (actsAsManager)
        {
            return null;
        }

        if (!permissions.SendOrderReadyNotices)
        {
            return StaffNotAllowed;
        }

        return (staffShopId is not null && pickupShopId == staffShopId) || permissions.NotifyOtherShopsOrders ? null : OtherShop;
    }
}

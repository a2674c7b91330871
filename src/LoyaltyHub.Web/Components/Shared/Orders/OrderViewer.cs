using System.Security.Claims;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;

namespace LoyaltyHub.Web.Components.Shared.Orders;

/// <summary>
/// Who looks at orders, read once per page on the server: the login (with its shop for staff),
/// whether it is a manager, and the merchant's staff permissions, which decide the shops it sees
/// and the "order ready" button (<see cref="OrderReadyAccess"/>).
/// </summary>
public sealed record OrderViewer(CustomerActor Actor, bool ActsAsManager, StaffPermissions Permissions)
{
    public bool SeesAllShops => OrderReadyAccess.SeesAllShops(Permissions, ActsAsManager);

    /// <summary>Staff without the other-shops permission see only orders collected at their own shop.</summary>
    public bool MaySee(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return SeesAllShops || (Actor.ShopId is not null && order.PickupShopId == Actor.ShopId);
    }

    public string? ReadyNoticeRefusal(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return OrderReadyAccess.Refusal(order.Status, order.PickupShopId, Permissions, Actor.ShopId, ActsAsManager);
    }

    public static async Task<OrderViewer> LoadAsync(ClaimsPrincipal user, StaffPermissionsService permissions)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(permissions);
        return new(CustomerActor.From(user), user.IsInRole(Roles.Manager), await permissions.GetAsync());
    }
}

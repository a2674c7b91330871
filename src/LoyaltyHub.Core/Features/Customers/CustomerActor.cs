using System.Security.Claims;
using LoyaltyHub.Core.Tenancy;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Who acts on a customer, for the consent log and the shop of registration: the signed-in login
/// (claims from the auth cookie, read on the server), and its shop for staff.
/// </summary>
public sealed record CustomerActor(string? UserId, string Name, int? ShopId)
{
    public static CustomerActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "unknown",
            user.GetShopId());
    }
}

using System.Security.Claims;
using LoyaltyHub.Core.Tenancy;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Who acts on a customer, for the consent log and the shop of registration: the signed-in login
/// (claims from the auth cookie, read on the server), and its shop for staff.
/// </summary>
public sealed record CustomerActor(string? UserId, string Name, int? ShopId)
{
    /// <summary>The merchant's web shop, through the integration API.</summary>
    public static CustomerActor WebShop { get; } = new(null, "web shop", null) { ConsentSource = ConsentSources.WebShop };

    /// <summary>How consents this actor records at registration were collected.</summary>
    public string ConsentSource { get; init; } = ConsentSources.Counter;

    public static CustomerActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity?.Name ?? "unknown",
            user.GetShopId());
    }
}

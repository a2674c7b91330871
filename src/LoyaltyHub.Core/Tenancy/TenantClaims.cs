using System.Globalization;
using System.Security.Claims;

namespace LoyaltyHub.Core.Tenancy;

/// <summary>Claim types LoyaltyHub adds to a signed-in user's principal.</summary>
public static class TenantClaims
{
    public const string TenantId = "lh:tenant";
    public const string ShopId = "lh:shop";

    public static Guid? GetTenantId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(TenantId), out var id) ? id : null;
    }

    public static int? GetShopId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return int.TryParse(user.FindFirstValue(ShopId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;
    }
}

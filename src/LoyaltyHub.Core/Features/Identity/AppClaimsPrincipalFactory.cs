using System.Globalization;
using System.Security.Claims;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>Puts the tenant and shop of a login into its cookie, where the tenant context reads them.</summary>
internal sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(TenantClaims.TenantId, tenantId.ToString()));
        }

        if (user.ShopId is { } shopId)
        {
            identity.AddClaim(new Claim(TenantClaims.ShopId, shopId.ToString(CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        return identity;
    }
}

using System.Security.Claims;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Web.Components.Me;

/// <summary>
/// What every portal page starts from: the merchant of the slug, which must be the signed-in
/// customer's own tenant, and that login's own customer. Anything else is "not found", so
/// another merchant's link reveals nothing, not even that it exists. A login with no open
/// customer record (none linked) gets the merchant's page without a card.
/// </summary>
public sealed class MePortal(IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, AuthenticationStateProvider authentication,
    CustomerService customers, NavigationManager navigation)
{
    public sealed record View(string Merchant, string Slug, Customer? Customer, ClaimsPrincipal User);

    public async Task<View?> LoadAsync(string slug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var merchant = await db.Tenants.Where(t => t.Slug == slug && t.Id == tenant.TenantId).Select(t => t.Name).FirstOrDefaultAsync();
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var customer = merchant is null ? null : await customers.OwnAsync(user.FindFirstValue(ClaimTypes.NameIdentifier));
        if (merchant is null)
        {
            navigation.NotFound();
            return null;
        }

        return new View(merchant, slug, customer, user);
    }
}

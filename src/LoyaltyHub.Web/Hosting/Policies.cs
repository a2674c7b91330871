using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace LoyaltyHub.Web.Hosting;

/// <summary>One policy per portal; each portal folder's _Imports.razor applies its own.</summary>
public static class Policies
{
    public const string PlatformAdmin = Roles.PlatformAdmin;
    public const string Manager = Roles.Manager;
    public const string Staff = Roles.Staff;
    public const string Customer = Roles.Customer;

    /// <summary>The counter's order screens: a shop's staff, or one of the merchant's managers (who has no shop).</summary>
    public const string CounterOrders = "CounterOrders";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(PlatformAdmin, p => p.RequireRole(Roles.PlatformAdmin));
        options.AddPolicy(Manager, p => p.RequireRole(Roles.Manager).RequireClaim(TenantClaims.TenantId));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Staff).RequireClaim(TenantClaims.TenantId).RequireClaim(TenantClaims.ShopId));
        options.AddPolicy(Customer, p => p.RequireRole(Roles.Customer).RequireClaim(TenantClaims.TenantId));
        options.AddPolicy(CounterOrders, p => p.RequireClaim(TenantClaims.TenantId).RequireAssertion(c =>
            c.User.IsInRole(Roles.Manager) || (c.User.IsInRole(Roles.Staff) && c.User.HasClaim(claim => claim.Type == TenantClaims.ShopId))));
    }
}

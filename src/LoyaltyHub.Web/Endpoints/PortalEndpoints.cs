using System.Security.Claims;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Web.Endpoints;

internal static class PortalEndpoints
{
    /// <summary>/portal sends a signed-in user to the portal of their role.</summary>
    public static void MapPortalRedirect(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/portal", async (ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory) =>
        {
            if (user.IsInRole(Roles.PlatformAdmin))
            {
                return Results.LocalRedirect("~/platform");
            }

            if (user.IsInRole(Roles.Manager))
            {
                return Results.LocalRedirect("~/manage");
            }

            if (user.IsInRole(Roles.Staff))
            {
                return Results.LocalRedirect("~/counter");
            }

            await using var db = await dbFactory.CreateDbContextAsync();
            var tenantId = user.GetTenantId();
            var slug = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Slug).FirstOrDefaultAsync();
            return slug is null ? Results.LocalRedirect("~/") : Results.LocalRedirect($"~/me/{slug}");
        }).RequireAuthorization();
}

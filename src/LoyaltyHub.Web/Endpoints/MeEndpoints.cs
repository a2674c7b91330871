using System.Security.Claims;
using System.Text.Json;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Tenancy;
using LoyaltyHub.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Web.Endpoints;

/// <summary>
/// The customer portal's plain HTTP endpoints: the data download (a file) and account closing
/// (it signs the customer out, which only an HTTP response can do). Both answer 404 for another
/// merchant's slug, as the pages do.
/// </summary>
internal static class MeEndpoints
{
    /// <summary>The word the customer types to confirm closing; shown on the page, re-checked here.</summary>
    public const string CloseConfirmationWord = "CLOSE";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void MapMe(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/me/{slug}").RequireAuthorization(Policies.Customer);
        me.MapGet("/export.json", async (string slug, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant,
            CustomerService customers, IEnumerable<IPersonalDataSource> sources, CancellationToken cancellationToken) =>
        {
            if (!await IsOwnMerchantAsync(slug, dbFactory, tenant, cancellationToken))
            {
                return Results.NotFound();
            }

            var export = await customers.ExportAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), sources, cancellationToken);
            return export is null
                ? Results.NotFound()
                : Results.File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", $"my-data-{slug}.json");
        });

        me.MapPost("/close", async (string slug, [FromForm] string? confirm, ClaimsPrincipal user, IDbContextFactory<AppDbContext> dbFactory,
            ITenantContext tenant, CustomerService customers, SignInManager<AppUser> signIn, CancellationToken cancellationToken) =>
        {
            if (!await IsOwnMerchantAsync(slug, dbFactory, tenant, cancellationToken))
            {
                return Results.NotFound();
            }

            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var customer = await customers.OwnAsync(userId, cancellationToken);
            if (customer is null)
            {
                return Results.NotFound();
            }

            // The page disables the button until the word is typed; a crafted post is refused the same way.
            if (!string.Equals(confirm?.Trim(), CloseConfirmationWord, StringComparison.Ordinal))
            {
                return Results.LocalRedirect($"~/me/{slug}/profile?close=confirm");
            }

            var closed = await customers.CloseAsync(customer.Id, CustomerActor.From(user), cancellationToken);
            if (!closed.Succeeded)
            {
                return Results.Problem("The account could not be closed.", statusCode: StatusCodes.Status409Conflict);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect($"~/goodbye");
        });
    }

    private static async Task<bool> IsOwnMerchantAsync(string slug, IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AnyAsync(t => t.Slug == slug && t.Id == tenant.TenantId, cancellationToken);
    }
}

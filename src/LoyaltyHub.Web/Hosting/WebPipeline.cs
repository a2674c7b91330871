using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Web.Components;
using LoyaltyHub.Web.Components.Account;
using LoyaltyHub.Web.Endpoints;
using LoyaltyHub.Web.Endpoints.Api;

namespace LoyaltyHub.Web.Hosting;

internal static class WebPipeline
{
    /// <summary>Migrations, roles and (embedded default only) the demo merchant, before serving.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await DataFeature.MigrateAsync(app.Services);
        }

        await RoleSeeder.EnsureRolesAsync(app.Services);
        if (app.Configuration.GetValue<bool>("Demo:Seed") && !app.Environment.IsProduction())
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync();
        }
    }

    public static WebApplication UseLoyaltyHub(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Production errors show the Error page: no stack trace, no internals.
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ApiErrorBodies>();
        app.UseAuthentication();
        app.UseMiddleware<TenantMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapPortalRedirect();
        app.MapTransactionsExport();
        app.MapMe();
        app.MapCustomerCsv();
        app.MapUnsubscribe();
        app.MapHealth();
        app.MapApiV1();
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapSmsWebhooks();
        if (app.Configuration.GetValue<bool>(DiagnosticsEndpoints.MemoryEndpointFlag))
        {
            app.MapDiagnostics(); // benchmarks only; see DiagnosticsEndpoints
        }

        return app;
    }
}

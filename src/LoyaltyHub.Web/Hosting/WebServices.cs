using LoyaltyHub.Core;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Web.Components.Account;
using LoyaltyHub.Web.Endpoints;
using LoyaltyHub.Web.Endpoints.Api;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Radzen;

namespace LoyaltyHub.Web.Hosting;

internal static class WebServices
{
    public static WebApplicationBuilder AddLoyaltyHubWeb(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["App:PublicBaseUrl"])
            && !builder.Environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException("Set App:PublicBaseUrl (e.g. https://loyalty.example.com): links in emails are built from it.");
        }

        var services = builder.Services;
        var database = DatabaseSettings.From(configuration, builder.Environment.ContentRootPath);
        services.AddLoyaltyHubCore(configuration, database);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiServices.SelectorScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddApiAuthentication()
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "lh.auth";
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
        });
        services.AddAuthorization(Policies.Configure);
        services.AddWebShopApi(configuration);

        services.AddHttpContextAccessor();
        services.AddScoped<IPublicLinks, PublicLinks>();
        services.AddScoped<LoyaltyHub.Web.Components.Me.MePortal>();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.AddSingleton<DevOutboxInfo>();
        services.AddLoyaltyHubHealthChecks();
        return builder;
    }
}

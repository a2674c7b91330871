using LoyaltyHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Identity;

public static class IdentityFeature
{
    /// <summary>Identity with the password, lockout and confirmation rules of SPEC §1.</summary>
    public static IServiceCollection AddIdentityFeature(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireUppercase = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.SignIn.RequireConfirmedEmail = true;
                // One email may be a customer of several merchants; user names stay unique.
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = null!;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<AppUserStore>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<LoginInvitations>();
        services.AddScoped<MerchantSignUp>();
        services.AddScoped<TeamService>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Staff;

public static class StaffFeature
{
    public static IServiceCollection AddStaffSettings(this IServiceCollection services) => services.AddScoped<StaffPermissionsService>();
}

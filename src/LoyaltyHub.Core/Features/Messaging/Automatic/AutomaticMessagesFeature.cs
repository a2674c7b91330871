using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.WebShop;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Messaging.Automatic;

public static class AutomaticMessagesFeature
{
    /// <summary>The automatic messages, plugged into the seams the web shop, loyalty, gift card and customer features raise.</summary>
    public static IServiceCollection AddAutomaticMessages(this IServiceCollection services) => services
        .AddScoped<AutomaticMessages>()
        .AddScoped<LoyaltyMessages>()
        .AddScoped<ILoyaltyEvents>(sp => sp.GetRequiredService<LoyaltyMessages>())
        .AddScoped<IGiftCardEvents>(sp => sp.GetRequiredService<LoyaltyMessages>())
        .AddScoped<ICustomerEvents>(sp => sp.GetRequiredService<LoyaltyMessages>())
        .AddScoped<IWebShopEvents, WebShopMessages>()
        .AddScoped<IOrderReadyNotices, OrderReadyNotices>();
}

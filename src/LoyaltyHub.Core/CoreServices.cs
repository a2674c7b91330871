using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Catalog;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Demo;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Messaging.Consent;
using LoyaltyHub.Core.Features.Messaging.Content;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Scheduling;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Staff;
using LoyaltyHub.Core.Features.WebShop;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core;

public static class CoreServices
{
    /// <summary>Every Core feature, each registered by its own Add&lt;Feature&gt;().</summary>
    public static IServiceCollection AddLoyaltyHubCore(
        this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddData(database);
        services.AddIdentityFeature();
        services.AddMail(configuration);
        services.AddMessagingGateways(configuration);
        services.AddScheduling(database);
        services.AddScoped<ShopService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<CustomerCsv>();
        services.AddScoped<LoyaltyHub.Core.Features.Tenancy.LegalTexts>();
        services.AddScoped<ApiCredentialService>();
        services.AddSingleton<VerifiedApiCredentials>();
        services.AddScoped<IdempotentRequests>();
        services.AddCatalog();
        services.AddGiftCards();
        services.AddLoyalty();
        services.AddLedger();
        services.AddStaffSettings();
        services.AddWebShop();
        services.AddMessagingConsent();
        services.AddMessagingContent();
        services.AddMessagingOutbox(configuration);
        services.AddScoped<DemoData>();
        return services;
    }
}

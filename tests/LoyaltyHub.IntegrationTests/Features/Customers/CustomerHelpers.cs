using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>Registers customers through <see cref="CustomerService"/> as the counter does.</summary>
public static class CustomerHelpers
{
    public static CustomerActor StaffOf(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return new CustomerActor($"staff-of-{shop.Id}", shop.Name, shop.Id);
    }

    public static CustomerActor Manager { get; } = new("manager-id", "Manager Person", null);

    /// <summary>A valid registration with a unique name, email and French mobile number.</summary>
    public static CustomerRegistration NewCustomer(string? lastName = null, string? email = "") => new()
    {
        FirstName = "Alice",
        LastName = lastName ?? Accounts.UniqueName("Durand").Replace(" ", "-", StringComparison.Ordinal),
        Email = email == "" ? Accounts.UniqueEmail("customer") : email,
        Phone = UniqueMobile(),
        Language = "fr",
    };

    /// <summary>"06 xx xx xx xx" with random digits: typed as at a French counter.</summary>
    public static string UniqueMobile()
    {
        var digits = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"06 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}";
    }

    public static string E164(string frenchMobile) => "+33" + frenchMobile.Replace(" ", "", StringComparison.Ordinal)[1..];

    public static Task<T> CallAsync<T>(TestApp app, Guid tenantId, Func<CustomerService, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.AsTenantAsync(tenantId, sp => call(sp.GetRequiredService<CustomerService>()));
    }

    public static async Task<Customer> RegisterAsync(TestApp app, Guid tenantId, Shop shop, CustomerRegistration input)
    {
        var result = await CallAsync(app, tenantId, s => s.RegisterAsync(input, StaffOf(shop)));
        Assert.True(result.Succeeded, Accounts.Describe(result.Errors));
        return result.Value!;
    }

    public static void AssertField(Result result, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.False(result.Succeeded);
        Assert.True(result.Errors.TryGetValue(field, out var messages), $"No error on {field}: {Accounts.Describe(result.Errors)}");
        Assert.Contains(message, messages);
    }
}

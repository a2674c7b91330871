using Microsoft.AspNetCore.Identity;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>
/// A login. Managers, staff and customers belong to one tenant; platform admins to none.
/// Customers' user names are scoped by tenant (see <see cref="LoginNames"/>), so one email
/// address can be a customer of two merchants as two separate accounts.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public Guid? TenantId { get; set; }

    /// <summary>The shop a staff login works at; null for every other role.</summary>
    public int? ShopId { get; set; }

    /// <summary>The customer a customer login belongs to; null for every other role.</summary>
    public int? CustomerId { get; set; }

    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>UI language of this user (en, fr, it, ru).</summary>
    public string Language { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The four roles of SPEC §1.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Manager = nameof(Manager);
    public const string Staff = nameof(Staff);
    public const string Customer = nameof(Customer);

    public static IReadOnlyList<string> All { get; } = [PlatformAdmin, Manager, Staff, Customer];
}

/// <summary>
/// How user names are made. Back-office logins (platform admins, managers, staff) sign in with
/// their email, unique across the platform. A customer's user name carries the tenant, so the
/// same email can hold one account per merchant.
/// </summary>
public static class LoginNames
{
    public static string ForBackOffice(string email) => Normalize(email);

    public static string ForCustomer(Guid tenantId, string email) => $"{tenantId:N}:{Normalize(email)}";

    private static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}

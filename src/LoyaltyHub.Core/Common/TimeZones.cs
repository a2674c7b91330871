using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Common;

/// <summary>IANA time zone ids ("Europe/Paris"): what tenants store and how their dates are shown.</summary>
public static class TimeZones
{
    /// <summary>The IANA zones this machine knows, for pickers.</summary>
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// True for an IANA id this machine knows. Windows ids ("Romance Standard Time") are refused even
    /// where the runtime would convert them, so what is stored is always portable.
    /// </summary>
    public static bool IsIana(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId
        && string.Equals(zone.Id, id, StringComparison.Ordinal);
}

/// <summary>Accepts an empty value or an IANA time zone id (<see cref="TimeZones.IsIana"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IanaTimeZoneAttribute : ValidationAttribute
{
    public IanaTimeZoneAttribute() : base("Choose a time zone such as Europe/Paris.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not string id || id.Length == 0 || TimeZones.IsIana(id);
}

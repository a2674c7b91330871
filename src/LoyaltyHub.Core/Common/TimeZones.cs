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

    /// <summary>The zone of a stored id; UTC for one this machine does not know.</summary>
    public static TimeZoneInfo Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The calendar day <paramref name="now"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// The first instant of <paramref name="day"/> in <paramref name="zone"/>, in UTC. Where the
    /// clocks jump forward at midnight, that local midnight does not exist and the day starts at
    /// the jump (the zone's standard offset gives exactly that instant).
    /// </summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
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

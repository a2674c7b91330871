using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// How SQLite stores every <see cref="DateTimeOffset"/> of the model (a convention of
/// <see cref="AppDbContext"/>): the UTC instant in ticks (100 ns) as an INTEGER. SQLite has no date
/// type, and EF can neither sort nor compare DateTimeOffset text there; an integer of the instant
/// sorts, compares and indexes as the instant does, whatever offset a value was written with, and
/// keeps full precision. Values read back in UTC, as PostgreSQL's timestamptz gives them.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

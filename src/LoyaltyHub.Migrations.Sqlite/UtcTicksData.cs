using Microsoft.EntityFrameworkCore.Migrations;

namespace LoyaltyHub.Migrations.Sqlite;

/// <summary>
/// Rewrites stored DateTimeOffset values for the migration that made UTC ticks the SQLite storage
/// of every DateTimeOffset (<c>UtcTicksConverter</c>), and back. Before it, EF wrote them as text
/// (<c>2026-01-31 12:34:56.1234567+01:00</c>), or, in the columns that had
/// <c>DateTimeOffsetToBinaryConverter</c>, as that converter's packed integer: the local ticks / 1000
/// shifted left by 11 bits, with the offset in minutes in the low 11 bits (signed).
/// Each statement only touches values still in the form it converts from.
/// </summary>
internal static class UtcTicksData
{
    /// <summary>DateTime ticks at 1970-01-01, where SQLite's Unix seconds start.</summary>
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private const long TicksPerSecond = 10_000_000;

    public static void TextToTicks(MigrationBuilder migration, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var c = Quote(column);
        // The seconds from the text without its fraction (SQLite rounds a 7-digit fraction, which can
        // overflow 9999-12-31 23:59:59.9999999), with the offset applied; then the fraction, padded to 7 digits.
        migration.Sql($"""
            UPDATE {Quote(table)} SET {c} =
                CAST(strftime('%s', substr({c}, 1, 19) || substr({c}, -6)) AS INTEGER) * {TicksPerSecond} + {UnixEpochTicks}
                + CASE WHEN substr({c}, 20, 1) = '.' THEN CAST(substr(substr({c}, 21, length({c}) - 26) || '000000', 1, 7) AS INTEGER) ELSE 0 END
            WHERE typeof({c}) = 'text';
            """);
    }

    public static void BinaryToTicks(MigrationBuilder migration, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var c = Quote(column);
        migration.Sql($"""
            UPDATE {Quote(table)} SET {c} =
                ({c} >> 11) * 1000 - (({c} & 2047) - CASE WHEN ({c} & 1024) <> 0 THEN 2048 ELSE 0 END) * {60 * TicksPerSecond}
            WHERE typeof({c}) = 'integer';
            """);
    }

    public static void TicksToText(MigrationBuilder migration, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var c = Quote(column);
        var fraction = $"((({c} - {UnixEpochTicks}) % {TicksPerSecond} + {TicksPerSecond}) % {TicksPerSecond})";
        migration.Sql($"""
            UPDATE {Quote(table)} SET {c} =
                strftime('%Y-%m-%d %H:%M:%S', ({c} - {UnixEpochTicks} - {fraction}) / {TicksPerSecond}, 'unixepoch')
                || CASE WHEN {fraction} = 0 THEN '' ELSE '.' || rtrim(printf('%07d', {fraction}), '0') END
                || '+00:00'
            WHERE typeof({c}) = 'integer';
            """);
    }

    public static void TicksToBinary(MigrationBuilder migration, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var c = Quote(column);
        migration.Sql($"""UPDATE {Quote(table)} SET {c} = ({c} / 1000) << 11 WHERE typeof({c}) = 'integer';""");
    }

    private static string Quote(string name) => $"\"{name}\"";
}

using System.Text.RegularExpressions;
using Quartz;

namespace LoyaltyHub.Core.Features.Scheduling;

/// <summary>
/// Quartz's own schema script for a database, as the migrations run it: the script ships inside
/// the Quartz package, is idempotent (CREATE … IF NOT EXISTS) and separates its statements with
/// a line reading '--;;'. A Quartz upgrade that changes the schema needs a new migration.
/// </summary>
public static partial class QuartzSchema
{
    public static IReadOnlyList<string> Statements(string database)
    {
        var name = $"Quartz.Impl.AdoJobStore.Schema.create_{database}.sql";
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Quartz ships no schema script named {name}.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd()
            .Replace("{0}", SchedulingFeature.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", SchedulingFeature.TablePrefix, StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.TrimEntries)
            .Select(StripComments)
            .Where(s => s.Length > 0)
            .ToList();
    }

    /// <summary>Drops what <see cref="Statements"/> creates, tables last-made first.</summary>
    public static IReadOnlyList<string> DropStatements(string database) => Statements(database)
        .Select(s => CreatedTable().Match(s))
        .Where(m => m.Success)
        .Select(m => $"DROP TABLE IF EXISTS {m.Groups[1].Value}")
        .Reverse()
        .ToList();

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();

    private static string StripComments(string statement) => string.Join('\n',
        statement.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
}

using System.Text.RegularExpressions;
using LoyaltyHub.Core.Features.Scheduling;

namespace LoyaltyHub.UnitTests.Features.Scheduling;

public sealed partial class QuartzSchemaTests
{
    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Databases))]
    public void Statements_are_non_empty_with_placeholders_replaced_and_comments_stripped(string database)
    {
        var statements = QuartzSchema.Statements(database);

        Assert.NotEmpty(statements);
        Assert.All(statements, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s));
            Assert.DoesNotContain("{0}", s, StringComparison.Ordinal);
            Assert.DoesNotContain("{1}", s, StringComparison.Ordinal);
            Assert.DoesNotContain("--;;", s, StringComparison.Ordinal);
            Assert.All(s.Split('\n'), line => Assert.False(line.TrimStart().StartsWith("--", StringComparison.Ordinal), line));
        });
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Statements_create_the_core_quartz_tables_with_the_app_prefix(string database)
    {
        var created = CreatedTables(QuartzSchema.Statements(database));

        // SQL identifiers are case-insensitive; Quartz's SQLite script spells some tables in upper case.
        Assert.Contains("qrtz_job_details", created, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("qrtz_triggers", created, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("qrtz_locks", created, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("qrtz_scheduler_state", created, StringComparer.OrdinalIgnoreCase);
        Assert.All(created, table => Assert.StartsWith(SchedulingFeature.TablePrefix, table, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Drop_statements_drop_each_created_table_once_in_reverse_order(string database)
    {
        var created = CreatedTables(QuartzSchema.Statements(database));

        var dropped = QuartzSchema.DropStatements(database)
            .Select(s =>
            {
                var match = DropTable().Match(s);
                Assert.True(match.Success, $"not a DROP TABLE: {s}");
                return match.Groups[1].Value;
            })
            .ToList();

        Assert.Equal(created.AsEnumerable().Reverse(), dropped);
        // Triggers reference job details: they must go first.
        var lower = dropped.ConvertAll(t => t.ToLowerInvariant());
        Assert.Contains("qrtz_triggers", lower);
        Assert.Contains("qrtz_job_details", lower);
        Assert.True(lower.IndexOf("qrtz_triggers") < lower.IndexOf("qrtz_job_details"));
        Assert.Equal(dropped.Count, lower.Distinct().Count());
    }

    [Fact]
    public void An_unknown_database_names_the_missing_script()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QuartzSchema.Statements("oracle-9i"));

        Assert.Contains("create_oracle-9i.sql", error.Message, StringComparison.Ordinal);
    }

    private static List<string> CreatedTables(IEnumerable<string> statements) => statements
        .Select(s => CreateTable().Match(s))
        .Where(m => m.Success)
        .Select(m => m.Groups[1].Value)
        .ToList();

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^DROP TABLE IF EXISTS (\S+)$")]
    private static partial Regex DropTable();
}

using System.Globalization;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LoyaltyHub.IntegrationTests.Data;

/// <summary>
/// Every DateTimeOffset sorts and compares by its instant on both databases: on SQLite the model
/// stores it as UTC ticks, and the migration that made it so rewrote the values stored before
/// (EF's text form, or DateTimeOffsetToBinaryConverter's packed integer in a few columns).
/// </summary>
public sealed class DateStorageTests(TestApps apps) : IClassFixture<TestApps>
{
    /// <summary>The migration that introduced UTC ticks on SQLite (its name, without the timestamp).</summary>
    private const string UtcTicksMigration = "_CatalogArchiveUtcTicks";

    [Fact]
    public void Every_DateTimeOffset_of_the_model_is_utc_ticks_on_SQLite_and_timestamptz_on_PostgreSQL()
    {
        using var sqlite = NewContext(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        using var postgres = NewContext(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost"));

        var onSqlite = DateTimeOffsetProperties(sqlite.Model).ToList();
        var onPostgres = DateTimeOffsetProperties(postgres.Model).ToList();

        // Tenants, shops, customers (and their consents), imports, gift cards, logins, keys, mails, the consent log.
        Assert.True(onSqlite.Count >= 15, $"Only {onSqlite.Count} DateTimeOffset properties found.");
        Assert.All(onSqlite, p => Assert.True(p.GetValueConverter() is UtcTicksConverter && p.GetColumnType() == "INTEGER",
            $"{p.DeclaringType.DisplayName()}.{p.Name} is stored as {p.GetColumnType()} with {p.GetValueConverter()?.GetType().Name ?? "no converter"}."));
        Assert.All(onPostgres, p => Assert.True(p.GetValueConverter() is null && p.GetColumnType() == "timestamp with time zone",
            $"{p.DeclaringType.DisplayName()}.{p.Name} is stored as {p.GetColumnType()}."));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dates_sort_and_filter_by_their_instant(string provider)
    {
        var app = await apps.GetAsync(provider);
        var to = Accounts.UniqueEmail("dates");
        var start = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        // Out of order on purpose, with instants a microsecond (PostgreSQL's precision) to a day apart.
        DateTimeOffset[] created = [start.AddDays(1), start, start.AddTicks(10), start.AddDays(-1), start.AddHours(23)];
        await app.QueryAsync(async db =>
        {
            db.DevMails.AddRange(created.Select(at => new DevMail { To = to, Subject = "s", HtmlBody = "h", TextBody = "t", CreatedAt = at }));
            return await db.SaveChangesAsync();
        });

        var (sorted, day, latest) = await app.QueryAsync(async db =>
        {
            var mine = db.DevMails.Where(m => m.To == to);
            return (
                await mine.OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync(),
                await mine.Where(m => m.CreatedAt >= start && m.CreatedAt < start.AddDays(1)).OrderByDescending(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync(),
                await mine.MaxAsync(m => m.CreatedAt));
        });

        Assert.Equal(created.Order(), sorted);
        Assert.Equal([start.AddHours(23), start.AddTicks(10), start], day);
        Assert.Equal(start.AddDays(1), latest);
        Assert.All(sorted, at => Assert.Equal(TimeSpan.Zero, at.Offset));
    }

    [Fact]
    public async Task The_migration_rewrites_the_dates_stored_before_it_and_back()
    {
        await using var database = await TestDatabase.CreateAsync(Providers.Sqlite);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, database.ConnectionString);
        var binary = new DateTimeOffsetToBinaryConverter();
        var tenantId = Guid.NewGuid();
        string previous;
        await using (var db = NewContext(settings))
        {
            var migrations = db.Database.GetMigrations().ToList();
            previous = migrations[migrations.FindIndex(m => m.EndsWith(UtcTicksMigration, StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);

            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await InsertAsync(connection, "Tenants", new()
            {
                ["Id"] = tenantId.ToString().ToUpperInvariant(), ["Slug"] = "dates-" + tenantId.ToString("N"),
                ["CreatedAt"] = "2026-01-31 14:34:56.5+02:00",
            });
            await InsertAsync(connection, "Customers", new()
            {
                ["TenantId"] = tenantId.ToString().ToUpperInvariant(), ["CardNumber"] = "123456789012",
                ["CreatedAt"] = binary.ConvertToProvider(new DateTimeOffset(2026, 1, 31, 14, 0, 0, TimeSpan.FromHours(2))),
                ["LastVisitAt"] = binary.ConvertToProvider(new DateTimeOffset(2026, 2, 1, 7, 30, 0, TimeSpan.FromHours(-5))),
                ["SmsConsent_ChangedAt"] = "2026-01-31 12:34:56.1234567+00:00",
                ["EmailConsent_ChangedAt"] = null,
            });
            await InsertAsync(connection, "AspNetUsers", new() { ["Id"] = "u1", ["CreatedAt"] = "2025-06-01 00:00:00+00:00", ["LockoutEnd"] = "9999-12-31 23:59:59.9999999+00:00" });
            foreach (var at in new[] { "2026-01-31 23:00:00+00:00", "2026-01-31 21:00:00-05:00", "2026-02-01 00:30:00.25+02:00" })
            {
                await InsertAsync(connection, "DevMails", new() { ["To"] = "migrated@test.example", ["CreatedAt"] = at });
            }
        }

        await using (var db = NewContext(settings))
        {
            await db.GetService<IMigrator>().MigrateAsync();
        }

        await using (var db = NewContext(settings))
        {
            Assert.Equal(Utc("2026-01-31T12:34:56.5"), await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.CreatedAt).SingleAsync());
            var customer = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.TenantId == tenantId);
            Assert.Equal((Utc("2026-01-31T12:00:00"), Utc("2026-02-01T12:30:00")), (customer.CreatedAt, customer.LastVisitAt!.Value));
            Assert.Equal((Utc("2026-01-31T12:34:56.1234567"), (DateTimeOffset?)null), (customer.SmsConsent.ChangedAt!.Value, customer.EmailConsent.ChangedAt));
            var user = await db.Users.SingleAsync(u => u.Id == "u1");
            Assert.Equal((Utc("2025-06-01T00:00:00"), DateTimeOffset.MaxValue), (user.CreatedAt, user.LockoutEnd!.Value));
            // 22:30 UTC, 23:00 UTC, 02:00 UTC the next day: the instants' order, not the texts'.
            Assert.Equal([Utc("2026-01-31T22:30:00.25"), Utc("2026-01-31T23:00:00"), Utc("2026-02-01T02:00:00")],
                await db.DevMails.Where(m => m.To == "migrated@test.example").OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync());
        }

        // Down: back to EF's text (in UTC) and to the packed integers.
        await using (var db = NewContext(settings))
        {
            await db.GetService<IMigrator>().MigrateAsync(previous);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            Assert.Equal("2026-01-31 12:34:56.5+00:00", await ScalarAsync(connection, "SELECT \"CreatedAt\" FROM \"Tenants\""));
            Assert.Equal("2026-01-31 12:34:56.1234567+00:00", await ScalarAsync(connection, "SELECT \"SmsConsent_ChangedAt\" FROM \"Customers\""));
            Assert.Equal("9999-12-31 23:59:59.9999999+00:00", await ScalarAsync(connection, "SELECT \"LockoutEnd\" FROM \"AspNetUsers\""));
            Assert.Equal(binary.ConvertToProvider(Utc("2026-01-31T12:00:00")), await ScalarAsync(connection, "SELECT \"CreatedAt\" FROM \"Customers\""));
        }
    }

    private static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static AppDbContext NewContext(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        return new AppDbContext(options.Options);
    }

    private static IEnumerable<IProperty> DateTimeOffsetProperties(IModel model)
    {
        static IEnumerable<IProperty> Of(ITypeBase type) =>
            type.GetDeclaredProperties().Concat(type.GetDeclaredComplexProperties().SelectMany(c => Of(c.ComplexType)));

        return model.GetEntityTypes().SelectMany(Of)
            .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset));
    }

    /// <summary>A raw row as an older version of the app wrote it; NOT NULL columns left out get a blank of their type.</summary>
    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object?> values)
    {
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (name, type, required, hasDefault, key) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, !reader.IsDBNull(3), reader.GetInt64(4) > 0);
                if (required && !hasDefault && !values.ContainsKey(name) && !(key && type == "INTEGER"))
                {
                    values[name] = type == "INTEGER" ? 0 : type == "REAL" ? 0.0 : name;
                }
            }
        }

        await using var insert = connection.CreateCommand();
        var names = values.Keys.ToList();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < names.Count; i++)
        {
            insert.Parameters.AddWithValue($"$p{i}", values[names[i]] ?? DBNull.Value);
        }

        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}

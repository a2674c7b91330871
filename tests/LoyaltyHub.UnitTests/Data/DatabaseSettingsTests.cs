using LoyaltyHub.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace LoyaltyHub.UnitTests.Data;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Without_settings_SQLite_keeps_its_file_under_data_of_the_content_root()
    {
        // The one test here that touches the disk: From creates the data folder.
        var root = Path.Combine(Path.GetTempPath(), "lh-unit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = DatabaseSettings.From(Config(), root);

            Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
            var connection = new SqliteConnectionStringBuilder(settings.ConnectionString);
            Assert.Equal(Path.Combine(root, "data", "loyaltyhub.db"), connection.DataSource);
            Assert.True(Directory.Exists(Path.Combine(root, "data")));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public void An_explicit_SQLite_connection_string_is_used_as_given()
    {
        var settings = DatabaseSettings.From(Config(("ConnectionStrings:Default", "Data Source=/srv/lh/app.db")), "/nonexistent");

        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=/srv/lh/app.db"), settings);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgres")]
    [InlineData("POSTGRES")]
    public void The_provider_name_is_case_insensitive(string provider)
    {
        var settings = DatabaseSettings.From(
            Config(("Database:Provider", provider), ("ConnectionStrings:Default", "Host=127.0.0.1;Database=lh")), "/nonexistent");

        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal("Host=127.0.0.1;Database=lh", settings.ConnectionString);
    }

    [Fact]
    public void An_unknown_provider_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DatabaseSettings.From(Config(("Database:Provider", "SqlServer")), "/nonexistent"));

        Assert.Equal("Database:Provider 'SqlServer' is not supported; use Sqlite or Postgres.", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Postgres_without_a_connection_string_is_rejected(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(
            Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Default", connectionString)), "/nonexistent"));

        Assert.Contains("ConnectionStrings:Default", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using LoyaltyHub.IntegrationTests.Infrastructure;

namespace LoyaltyHub.IntegrationTests.Web;

/// <summary>/health reports the database and the scheduler, anonymously, as JSON.</summary>
public sealed class HealthTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_is_healthy_json_with_database_and_scheduler(string provider)
    {
        var app = await apps.GetAsync(provider);
        using var client = app.CreateBrowser();

        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("Healthy", root.GetProperty("status").GetString());
        var checks = root.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("scheduler").GetProperty("status").GetString());
        // The database check names the provider the app really uses.
        var expectedProvider = provider == Providers.Sqlite ? "Sqlite" : "Npgsql";
        Assert.Contains(expectedProvider, checks.GetProperty("database").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

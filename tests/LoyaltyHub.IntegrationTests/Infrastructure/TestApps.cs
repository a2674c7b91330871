using System.Collections.Concurrent;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// Class fixture: one app per provider, started on first use and shared by the tests of a class
/// (they use unique emails and names, so they do not interfere). A missing PostgreSQL server
/// fails the PostgreSQL cases with a clear message and leaves the SQLite ones alone.
/// </summary>
public sealed class TestApps : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> apps = new();

    public Task<TestApp> GetAsync(string provider) =>
        apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => TestApp.StartAsync(p))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values.Where(a => a.IsValueCreated))
        {
            if (app.Value.IsCompletedSuccessfully)
            {
                await app.Value.Result.DisposeAsync();
            }
        }
    }
}

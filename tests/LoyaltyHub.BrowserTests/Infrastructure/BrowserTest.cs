using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: opens browser contexts on the shared app and, when a test fails,
/// saves a screenshot of every open page to the test output folder and writes the pages' console
/// errors and the app's output to the test's output.
/// </summary>
public abstract class BrowserTest(AppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];
    private readonly ConcurrentQueue<string> browserLog = new();
    private readonly Stopwatch clock = new();

    protected AppFixture Fixture => fixture;

    protected WebAppProcess App => fixture.App;

    protected ITestOutputHelper Output => output;

    /// <summary>Absolute URL of a path of the app, as the browser shows it.</summary>
    protected string Url(string relativePath = "") => new Uri(App.BaseUri, relativePath).ToString();

    public Task InitializeAsync()
    {
        clock.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A page in a new browser context: its own cookies, as a different person or device.</summary>
    protected async Task<IPage> NewPageAsync(string label = "page")
    {
        var context = await fixture.NewContextAsync();
        contexts.Add(context);
        var page = await context.NewPageAsync();
        var name = $"{label}#{contexts.Count}";
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log(name, $"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Log(name, $"page error: {error}");
        page.RequestFailed += (_, request) => Log(name, $"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log(name, $"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
        return page;
    }

    /// <summary>Runs the test body; on failure, records what is needed to understand it, then fails.</summary>
    protected async Task RunAsync(Func<Task> body, [CallerMemberName] string testName = "")
    {
        try
        {
            await body();
            output.WriteLine($"{testName} passed in {clock.Elapsed.TotalSeconds:0.0} s (fixture start-up {fixture.StartupTime.TotalSeconds:0.0} s).");
        }
        catch (Exception)
        {
            await ReportFailureAsync($"{GetType().Name}.{testName}");
            throw;
        }
    }

    private void Log(string page, string message) =>
        browserLog.Enqueue($"[{clock.Elapsed.TotalSeconds,7:0.00}s {page}] {message}");

    private async Task ReportFailureAsync(string testName)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{testName} failed after {clock.Elapsed.TotalSeconds:0.0} s.");
        Directory.CreateDirectory(RepoLayout.ScreenshotFolder);
        var n = 0;
        foreach (var page in contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
        {
            var file = Path.Combine(RepoLayout.ScreenshotFolder, $"{testName}-{++n}.png");
            try
            {
                await page.ScreenshotAsync(new() { Path = file, FullPage = true, Timeout = 10_000 });
                report.AppendLine(CultureInfo.InvariantCulture, $"Screenshot of {page.Url}: {file}");
            }
            catch (PlaywrightException e)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"No screenshot of {page.Url}: {e.Message}");
            }
        }

        report.AppendLine("--- browser console, page errors and failed requests ---");
        foreach (var line in browserLog)
        {
            report.AppendLine(line);
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"--- app output ({App.BaseUri}) ---");
        report.AppendLine(App.Output);
        output.WriteLine(report.ToString());
    }
}

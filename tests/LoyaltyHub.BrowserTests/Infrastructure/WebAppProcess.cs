using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>
/// The web app as a real process: <c>dotnet LoyaltyHub.Web.dll --urls http://127.0.0.1:PORT</c>, run from
/// its build output folder (its content root), with a SQLite database in a temporary folder. It can be
/// stopped and started again on the same port and database, as a restart of the server. Its stdout and
/// stderr are kept for the failure report.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<string> output = new();
    private readonly string dataFolder = Directory.CreateTempSubdirectory("loyaltyhub-browser-").FullName;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private Process? process;
    private int starts;

    public WebAppProcess() => Port = FreeLoopbackPort();

    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT/ (with the trailing slash, the app's base href).</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public string DatabasePath => Path.Combine(dataFolder, "app.db");

    /// <summary>Everything the process printed so far, every start included, each line timed.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts the app and waits until GET /health answers 200.</summary>
    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The app is already running.");
        }

        if (!File.Exists(RepoLayout.WebDll))
        {
            throw new InvalidOperationException(
                $"{RepoLayout.WebDll} does not exist: build the solution first (dotnet build LoyaltyHub.sln -c {RepoLayout.Configuration}).");
        }

        starts++;
        Note($"start #{starts}: dotnet {RepoLayout.WebDll} --urls {BaseUri} (database {DatabasePath})");
        var started = clock.Elapsed;
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = RepoLayout.WebOutputFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(RepoLayout.WebDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath}";
        info.Environment["Demo__Seed"] = "false";
        // The public development outbox (/dev/mail) needs no SMTP server configured; links in mails
        // come from the request's host when no public base URL is set.
        info.Environment["Smtp__Host"] = "";
        info.Environment["App__PublicBaseUrl"] = "";
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment.Remove("ASPNETCORE_HTTPS_PORTS");

        var app = new Process { StartInfo = info };
        app.OutputDataReceived += (_, e) => Line("out", e.Data);
        app.ErrorDataReceived += (_, e) => Line("err", e.Data);
        app.Start();
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        process = app;

        await WaitUntilHealthyAsync(app);
        Note($"start #{starts}: healthy after {(clock.Elapsed - started).TotalSeconds:0.0} s, pid {app.Id}");
    }

    /// <summary>Kills the process tree (as a crash or a hard restart would) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (process is not { } app)
        {
            return;
        }

        process = null;
        try
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(StopTimeout);
            await app.WaitForExitAsync(timeout.Token);
            Note($"stopped (exit code {app.ExitCode.ToString(CultureInfo.InvariantCulture)})");
        }
        catch (OperationCanceledException)
        {
            Note($"the process {app.Id} did not exit within {StopTimeout.TotalSeconds} s of being killed");
        }
        finally
        {
            app.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitUntilHealthyAsync(Process app)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri(BaseUri, "health");
        var deadline = clock.Elapsed + StartTimeout;
        string? last = null;
        while (clock.Elapsed < deadline)
        {
            if (app.HasExited)
            {
                await app.WaitForExitAsync(); // flushes the output
                throw new InvalidOperationException(
                    $"The app exited with code {app.ExitCode} before answering {health}.{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException e)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        await StopAsync();
        throw new TimeoutException(
            $"{health} did not answer 200 within {StartTimeout.TotalSeconds} s (last answer: {last}).{Environment.NewLine}{Output}");
    }

    private void Line(string stream, string? line)
    {
        if (line is not null)
        {
            output.Enqueue($"[{clock.Elapsed.TotalSeconds,7:0.00}s {stream}] {line}");
        }
    }

    private void Note(string message) => output.Enqueue($"[{clock.Elapsed.TotalSeconds,7:0.00}s ---] {message}");

    /// <summary>The dotnet host running these tests, so the app runs on the same installation.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

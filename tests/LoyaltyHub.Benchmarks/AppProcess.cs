using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// The web app as a child process (<c>dotnet LoyaltyHub.Web.dll</c>) on a free 127.0.0.1 port, in the
/// Development environment on its own SQLite file. Disposing stops it (SIGTERM, then a kill of the
/// whole process tree); a process-exit hook kills whatever is still running if the harness dies.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process process;
    private readonly Stopwatch sinceStart;
    private readonly Queue<string> logTail = new();

    static AppProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private AppProcess(Process process, Stopwatch sinceStart, Uri baseAddress)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    public HttpClient Http { get; }

    public static AppProcess Start(string webDll, string databaseFile, bool memoryEndpoint) =>
        Start(webDll, LoyaltyHub.Core.Data.DatabaseProvider.Sqlite, $"Data Source={databaseFile}", memoryEndpoint);

    /// <summary>The app on any database (PostgreSQL: a database the caller creates name for and drops).</summary>
    /// <param name="settings">More configuration, as environment variables ("Section__Key").</param>
    public static AppProcess Start(string webDll, LoyaltyHub.Core.Data.DatabaseProvider provider, string connectionString, bool memoryEndpoint,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(webDll))
        {
            throw new InvalidOperationException($"{webDll} not found: run 'dotnet build LoyaltyHub.sln -c Release' first.");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Diagnostics__MemoryEndpoint"] = memoryEndpoint ? "true" : "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Running[process.Id] = process;
        var app = new AppProcess(process, sinceStart, baseAddress);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Polls GET /health every 50 ms until 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (sinceStart.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw Failure($"The app exited with code {process.ExitCode} before it was healthy.");
            }

            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                using var response = await Http.GetAsync(new Uri("/health", UriKind.Relative), attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This attempt timed out; try again.
            }

            await Task.Delay(HealthPollInterval, cancellationToken);
        }

        throw Failure($"The app was not healthy within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>CPU time (user + system) the app process has used so far, from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime), counted from after the command name, in clock ticks (100 Hz on Linux).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Managed memory after a full blocking GC, from the app's /diagnostics/memory endpoint.</summary>
    public async Task<ManagedMemory> ManagedMemoryAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri("/diagnostics/memory", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure($"/diagnostics/memory answered {(int)response.StatusCode}; is Diagnostics:MemoryEndpoint wired?");
        }

        return await response.Content.ReadFromJsonAsync<ManagedMemory>(cancellationToken)
            ?? throw Failure("/diagnostics/memory returned no body.");
    }

    /// <summary>Resident set size of the app process in KB, from /proc/&lt;pid&gt;/status (VmRSS).</summary>
    public long ResidentKilobytes()
    {
        var line = File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status")
            .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw Failure("VmRSS missing from /proc status.");
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!process.HasExited)
            {
                // Graceful first (SIGTERM: the host stops Quartz and closes SQLite), so a warm start
                // finds the file as a normal shutdown leaves it.
                using (var term = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            Running.TryRemove(process.Id, out _);
            process.Dispose();
        }
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logTail)
        {
            logTail.Enqueue(line);
            if (logTail.Count > 60)
            {
                logTail.Dequeue();
            }
        }
    }

    private InvalidOperationException Failure(string message)
    {
        lock (logTail)
        {
            return new InvalidOperationException($"{message}\n--- last lines of the app's output ---\n{string.Join('\n', logTail)}");
        }
    }
}

/// <summary>The JSON of /diagnostics/memory.</summary>
internal sealed record ManagedMemory(long TotalMemoryBytes, long HeapSizeBytes);

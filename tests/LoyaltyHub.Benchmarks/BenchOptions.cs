using System.Globalization;
using LoyaltyHub.Core.Data;

namespace LoyaltyHub.Benchmarks;

/// <summary>Command-line options; every loop and wait of the harness is bounded by one of them.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        LoyaltyHub benchmarks: start-to-healthy time and server memory per idle Blazor circuit (web
        app as a child process); purchase recording and counter search (Core services in process, on
        a SQLite file in WAL and, when LOYALTYHUB_TEST_POSTGRES is set, on PostgreSQL).

        Build first:  dotnet build LoyaltyHub.sln -c Release
        Run:          dotnet run -c Release --project tests/LoyaltyHub.Benchmarks -- [options]

          --only start|memory|purchase|search|unsubscribe|enqueue|dispatch|orders
                                run one benchmark (default: start and memory); unsubscribe
                                = one-click POSTs and page GETs against the app; orders = web-shop
                                orders POSTed to /api/v1/orders of the app (goal >= 600/s, every answer 2xx)
          --orders N            orders POSTed by the orders benchmark (default 3000)
          --messages N          messages queued (enqueue) or dispatched to a loopback stand-in (dispatch) (default 100000)
          --runs N              start runs, each cold (fresh SQLite file) then warm (same file) (default 5)
          --circuits K          idle interactive circuits to open (default 100)
          --contexts C          browser contexts the pages are spread over (default 10)
          --parallel P          pages opened at once (default 8)
          --idle S              seconds the circuits stay idle before measuring (default 5)
          --callers N           concurrent purchase / unsubscribe / orders callers of the throughput run (default 32)
          --seconds S           length of each purchase / unsubscribe run; the latency run is an open loop at
                                half the goal rate; the orders benchmark's warm-up (default 10)
          --customers N         customers inserted for the search benchmark (default 100000)
          --db sqlite|postgres|all
                                databases of the purchase, search, unsubscribe and orders benchmarks (default all: SQLite, and
                                PostgreSQL when LOYALTYHUB_TEST_POSTGRES is set)
          --repo PATH           repository root (default: found from the harness location)

        Environment: LOYALTYHUB_CHROMIUM = Chromium binary (default /usr/bin/chromium; never downloaded);
        LOYALTYHUB_TEST_POSTGRES = a PostgreSQL server ("Host=…;Username=…;Password=…"); each run
        creates its own database there and drops it at the end.
        """;

    public bool RunStart { get; init; } = true;
    public bool RunMemory { get; init; } = true;
    public bool RunPurchase { get; init; }
    public bool RunSearch { get; init; }
    public bool RunUnsubscribe { get; init; }
    public bool RunEnqueue { get; init; }
    public bool RunDispatch { get; init; }
    public bool RunOrders { get; init; }
    public int Orders { get; init; } = 3_000;
    public int Messages { get; init; } = 100_000;
    public int Callers { get; init; } = 32;
    public int Seconds { get; init; } = 10;
    public int Customers { get; init; } = 100_000;
    public DatabaseProvider? Database { get; init; }
    public int Runs { get; init; } = 5;
    public int Circuits { get; init; } = 100;
    public int Contexts { get; init; } = 10;
    public int Parallel { get; init; } = 8;
    public int IdleSeconds { get; init; } = 5;
    public string RepoRoot { get; init; } = "";

    /// <summary>Whether the benchmarks that honour --db (purchase, search, unsubscribe, orders) run on <paramref name="provider"/>.</summary>
    public bool Includes(DatabaseProvider provider) => Database is null || Database == provider;

    public string WebDll => Path.Combine(RepoRoot, "src", "LoyaltyHub.Web", "bin", "Release", "net10.0", "LoyaltyHub.Web.dll");

    public static string Chromium => Environment.GetEnvironmentVariable("LOYALTYHUB_CHROMIUM") is { Length: > 0 } path
        ? path : "/usr/bin/chromium";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        string? repo = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            if (name == "--repo")
            {
                repo = Value();
                continue;
            }

            options = name switch
            {
                "--only" => Value() switch
                {
                    "start" => options with { RunMemory = false },
                    "memory" => options with { RunStart = false },
                    "purchase" => options with { RunStart = false, RunMemory = false, RunPurchase = true },
                    "search" => options with { RunStart = false, RunMemory = false, RunSearch = true },
                    "unsubscribe" => options with { RunStart = false, RunMemory = false, RunUnsubscribe = true },
                    "enqueue" => options with { RunStart = false, RunMemory = false, RunEnqueue = true },
                    "dispatch" => options with { RunStart = false, RunMemory = false, RunDispatch = true },
                    "orders" => options with { RunStart = false, RunMemory = false, RunOrders = true },
                    var other => throw new ArgumentException($"--only takes start, memory, purchase, search, unsubscribe, enqueue, dispatch or orders, not '{other}'."),
                },
                "--runs" => options with { Runs = Positive(name, Value(), 100) },
                "--circuits" => options with { Circuits = Positive(name, Value(), 2000) },
                "--contexts" => options with { Contexts = Positive(name, Value(), 200) },
                "--parallel" => options with { Parallel = Positive(name, Value(), 64) },
                "--callers" => options with { Callers = Positive(name, Value(), 512) },
                "--seconds" => options with { Seconds = Positive(name, Value(), 600) },
                "--customers" => options with { Customers = Positive(name, Value(), 10_000_000) },
                "--orders" => options with { Orders = Positive(name, Value(), 1_000_000) },
                "--messages" => options with { Messages = Positive(name, Value(), 10_000_000) },
                "--idle" => options with { IdleSeconds = Positive(name, Value(), 600) },
                "--db" => options with
                {
                    Database = Value() switch
                    {
                        "sqlite" => DatabaseProvider.Sqlite,
                        "postgres" when Environment.GetEnvironmentVariable(CoreHost.PostgresVariable) is { Length: > 0 } => DatabaseProvider.Postgres,
                        "postgres" => throw new ArgumentException($"--db postgres needs {CoreHost.PostgresVariable} to name a server."),
                        "all" => null,
                        var other => throw new ArgumentException($"--db takes sqlite, postgres or all, not '{other}'."),
                    },
                },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options with { RepoRoot = Path.GetFullPath(repo ?? FindRepoRoot()) };
    }

    private static int Positive(string name, string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw new ArgumentException($"{name} takes a whole number from 1 to {max}, not '{text}'.");

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LoyaltyHub.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new ArgumentException("LoyaltyHub.sln not found above the harness or the current directory; pass --repo.");
    }
}

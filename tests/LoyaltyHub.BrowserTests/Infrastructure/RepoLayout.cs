using System.Reflection;

namespace LoyaltyHub.BrowserTests.Infrastructure;

/// <summary>Where the repository and the built web app are, found from the test assembly itself.</summary>
public static class RepoLayout
{
    private const string SolutionFile = "LoyaltyHub.sln";

    /// <summary>The folder holding LoyaltyHub.sln, walking up from the test output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
            ? c : "Debug";

    /// <summary>src/LoyaltyHub.Web/bin/&lt;Configuration&gt;/net10.0: the app's output folder, its content root here.</summary>
    public static string WebOutputFolder => Path.Combine(Root, "src", "LoyaltyHub.Web", "bin", Configuration, "net10.0");

    public static string WebDll => Path.Combine(WebOutputFolder, "LoyaltyHub.Web.dll");

    /// <summary>Screenshots of failed tests go here: the test output folder.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"{SolutionFile} not found in any parent folder of {AppContext.BaseDirectory}.");
    }
}

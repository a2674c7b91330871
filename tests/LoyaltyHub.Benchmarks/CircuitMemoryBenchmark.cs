using Microsoft.Playwright;

namespace LoyaltyHub.Benchmarks;

/// <summary>
/// Server memory per idle interactive circuit: one warm-up circuit, a baseline, then K more pages of
/// the interactive home page (spread over several browser contexts, each made live by a click), idle
/// for a few seconds, a second measurement — all pages still open — and a liveness check of every page.
/// </summary>
internal static class CircuitMemoryBenchmark
{
    private const string InitialBasket = "Basket: 25.00";
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromMinutes(3);

    public static async Task<MemoryResult> RunAsync(BenchOptions options, DirectoryInfo workDir, CancellationToken cancellationToken)
    {
        if (!File.Exists(BenchOptions.Chromium))
        {
            throw new InvalidOperationException($"Chromium not found at {BenchOptions.Chromium} (set LOYALTYHUB_CHROMIUM); browsers are never downloaded.");
        }

        await using var app = AppProcess.Start(options.WebDll, Path.Combine(workDir.FullName, "memory.db"), memoryEndpoint: true);
        await app.WaitHealthyAsync(HealthTimeout, cancellationToken);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BenchOptions.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var contexts = new List<IBrowserContext>();
        for (var i = 0; i < options.Contexts; i++)
        {
            contexts.Add(await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() }));
        }

        // Warm-up: the first circuit pays for JIT, Radzen's and Blazor's one-off caches. It stays open.
        var warmUp = await OpenLiveAsync(contexts[0], cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var before = await app.ManagedMemoryAsync(cancellationToken);
        var rssBefore = app.ResidentKilobytes();
        Console.Error.WriteLine($"[memory] baseline with 1 circuit: managed {before.TotalMemoryBytes / 1024} KB, RSS {rssBefore} KB");

        var pages = new IPage[options.Circuits];
        using (var gate = new SemaphoreSlim(options.Parallel))
        {
            var opened = 0;
            await Task.WhenAll(Enumerable.Range(0, options.Circuits).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    pages[i] = await OpenLiveAsync(contexts[i % contexts.Count], cancellationToken);
                    if (Interlocked.Increment(ref opened) % 20 == 0)
                    {
                        Console.Error.WriteLine($"[memory] {opened}/{options.Circuits} circuits live");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.Error.WriteLine($"[memory] {options.Circuits} circuits open; idle {options.IdleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
        var after = await app.ManagedMemoryAsync(cancellationToken);
        var rssAfter = app.ResidentKilobytes();
        Console.Error.WriteLine($"[memory] with {options.Circuits + 1} circuits: managed {after.TotalMemoryBytes / 1024} KB, RSS {rssAfter} KB");

        // Proof the circuits were open while measured: every page (warm-up included) still reacts.
        var live = 0;
        foreach (var page in pages.Append(warmUp))
        {
            live += await RespondsAsync(page) ? 1 : 0;
        }

        return new MemoryResult(options.Circuits, before, after, rssBefore, rssAfter, live, options.Circuits + 1, browser.Version);
    }

    /// <summary>Opens "/" and clicks "+ 10" until the basket changes: the circuit is then connected.</summary>
    private static async Task<IPage> OpenLiveAsync(IBrowserContext context, CancellationToken cancellationToken)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        for (var attempt = 0; attempt < 60; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.GetByTestId("basket-plus").ClickAsync(new() { Timeout = 10_000 });
            if (await BasketChangesAsync(page, InitialBasket, TimeSpan.FromMilliseconds(500)))
            {
                return page;
            }
        }

        throw new InvalidOperationException($"The circuit of a page never went live (basket stayed '{InitialBasket}').");
    }

    private static async Task<bool> RespondsAsync(IPage page)
    {
        try
        {
            var basket = await page.GetByTestId("basket").InnerTextAsync(new() { Timeout = 5_000 });
            await page.GetByTestId("basket-plus").ClickAsync(new() { Timeout = 5_000 });
            return await BasketChangesAsync(page, basket.Trim(), TimeSpan.FromSeconds(5));
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static async Task<bool> BasketChangesAsync(IPage page, string from, TimeSpan timeout)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "from => document.querySelector('[data-testid=basket]')?.textContent.trim() !== from",
                from, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 50 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

internal sealed record MemoryResult(int Circuits, ManagedMemory Before, ManagedMemory After, long RssBeforeKb, long RssAfterKb,
    int LivePages, int Pages, string BrowserVersion)
{
    public double ManagedKbPerCircuit => (After.TotalMemoryBytes - Before.TotalMemoryBytes) / 1024.0 / Circuits;

    public double HeapKbPerCircuit => (After.HeapSizeBytes - Before.HeapSizeBytes) / 1024.0 / Circuits;

    public double RssKbPerCircuit => (RssAfterKb - RssBeforeKb) / (double)Circuits;
}

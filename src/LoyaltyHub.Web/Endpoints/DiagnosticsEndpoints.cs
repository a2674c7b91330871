using System.Net;

namespace LoyaltyHub.Web.Endpoints;

/// <summary>
/// GET /diagnostics/memory: forces a full blocking, compacting GC and reports the managed memory
/// left, for the memory benchmark (tests/LoyaltyHub.Benchmarks). Mapped only when
/// <c>Diagnostics:MemoryEndpoint=true</c> is set in the environment or configuration — never in the
/// shipped appsettings — and answers loopback callers only: a forced GC stalls the whole server.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public const string MemoryEndpointFlag = "Diagnostics:MemoryEndpoint";

    public static IEndpointRouteBuilder MapDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/diagnostics/memory", (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
            {
                return Results.NotFound();
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var totalMemoryBytes = GC.GetTotalMemory(forceFullCollection: true);
            return Results.Json(new { totalMemoryBytes, heapSizeBytes = GC.GetGCMemoryInfo().HeapSizeBytes });
        }).AllowAnonymous();
        return endpoints;
    }
}

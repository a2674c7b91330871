using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoyaltyHub.Core.Features.Integration;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on writes: the first request with a key runs and its
/// answer is kept; a retry with the same key and the same body gets that answer again (marked
/// <c>Idempotent-Replayed: true</c>) and nothing is done twice; the same key with another body is
/// refused. Server errors are not kept, so a retry after one can succeed.
/// </summary>
internal sealed class ApiIdempotency(IdempotentRequests requests, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        var key = values.ToString().Trim();
        if (key.Length is 0 or > IdempotentRequests.KeyMax)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Bad Idempotency-Key", "An Idempotency-Key has 1 to 255 characters.");
        }

        var claim = await requests.ClaimAsync(key, await HashAsync(http.Request), http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Text(replay.ResponseJson, replay.StatusCode >= 400 ? "application/problem+json" : "application/json",
                    Encoding.UTF8, replay.StatusCode);
            case IdempotencyClaim.Refuse refuse:
                return ApiProblems.Problem(refuse.StatusCode, "Idempotency-Key conflict", refuse.Message);
        }

        var rowId = ((IdempotencyClaim.Proceed)claim).RowId;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await requests.ReleaseAsync(rowId, CancellationToken.None);
            throw;
        }

        if (result is IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult answer && status < 500)
        {
            await requests.CompleteAsync(rowId, status, JsonSerializer.Serialize(answer.Value, json.Value.SerializerOptions), CancellationToken.None);
        }
        else
        {
            await requests.ReleaseAsync(rowId, CancellationToken.None);
        }

        return result;
    }

    /// <summary>The method, path and body: what makes two requests "the same".</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

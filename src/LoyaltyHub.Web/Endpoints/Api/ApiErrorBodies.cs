using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace LoyaltyHub.Web.Endpoints.Api;

/// <summary>
/// API requests never get the site's HTML error pages: status-code pages are switched off for
/// them, and an error the framework answers without a body (no such route 404, wrong method 405,
/// not JSON 415) gets a problem-details body.
/// </summary>
internal sealed class ApiErrorBodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiServices.IsApi(context.Request))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        await next(context);
        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null or 0)
        {
            await ApiProblems.WriteAsync(context, status, ReasonPhrases.GetReasonPhrase(status), status switch
            {
                StatusCodes.Status404NotFound => "There is no such API endpoint; see /api/v1/openapi.json.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
                _ => "See /api/v1/openapi.json for the endpoints and their methods.",
            });
        }
    }
}

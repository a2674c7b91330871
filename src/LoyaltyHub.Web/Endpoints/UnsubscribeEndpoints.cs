using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Messaging.Consent;
using Microsoft.AspNetCore.Antiforgery;

namespace LoyaltyHub.Web.Endpoints;

/// <summary>
/// The POSTs of the unsubscribe link (SPEC §10); the GET is the page Components/Public/Unsubscribe.
/// Anonymous: the signed token in the URL is the authority, and it alone names the tenant.
/// A token that does not verify answers 400 and changes nothing.
/// </summary>
internal static class UnsubscribeEndpoints
{
    public const string Unsubscribed = "unsubscribed";
    public const string Saved = "saved";
    public const string Failed = "failed";

    public static void MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        // RFC 8058 one-click: the mail provider POSTs "List-Unsubscribe=One-Click" from its own
        // servers, with no cookie and without ever loading a page, so it cannot carry an antiforgery
        // token. Antiforgery would protect nothing here anyway: forging this request needs the
        // unguessable token in the URL, which only the recipient (and their mail provider) has.
        // Ordered before the page's route, which Blazor also maps for POST.
        endpoints.MapPost("/u/{token}", async (string token, HttpRequest request, UnsubscribeService unsubscribes, CancellationToken cancellationToken) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
            if (!string.Equals(form?["List-Unsubscribe"], "One-Click", StringComparison.Ordinal))
            {
                return Results.Text("Expected the body List-Unsubscribe=One-Click (RFC 8058).", "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            return await unsubscribes.UnsubscribeAsync(token, ConsentSources.OneClick, cancellationToken)
                ? Results.Text("Unsubscribed.", "text/plain")
                : Invalid();
        }).AllowAnonymous().DisableAntiforgery().WithOrder(-1);

        // The page's two forms. The antiforgery middleware checks their token (the metadata below);
        // the form is read by hand so that a missing or wrong token is a 400, not a binding exception.
        endpoints.MapPost("/u/{token}/preferences", async (string token, HttpContext context, UnsubscribeService unsubscribes, CancellationToken cancellationToken) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true } || !context.Request.HasFormContentType)
            {
                return Results.Text("The form expired: open the link again.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync(cancellationToken);
            var action = form["action"].ToString();
            var back = $"~/u/{Uri.EscapeDataString(token)}?done=";
            if (action == Unsubscribed)
            {
                return await unsubscribes.UnsubscribeAsync(token, ConsentSources.UnsubscribeLink, cancellationToken)
                    ? Results.LocalRedirect(back + Unsubscribed)
                    : Invalid();
            }

            var saved = await unsubscribes.SavePreferencesAsync(token, form["sms"] == "true", form["email"] == "true", cancellationToken);
            return saved is null ? Invalid() : Results.LocalRedirect(back + (saved.Succeeded ? Saved : Failed));
        }).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static IResult Invalid() =>
        Results.Text("This unsubscribe link is not valid.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
}

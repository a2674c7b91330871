using System.Text.Json;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Gateways;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoyaltyHub.Web.Endpoints;

/// <summary>
/// What SMS providers call back: delivery receipts and messages customers send (STOP). Anonymous
/// by nature, so every request must carry the provider's signature: a missing, forged or altered
/// one is 403 and changes nothing. A provider that is not configured has no endpoints (404).
/// </summary>
internal static class SmsWebhookEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;
    private const string EmptyTwiml = """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""";

    public static void MapSmsWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var sms = endpoints.MapGroup(SmsGatewayNames.CallbackRoot).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(PlainStatusCodes);
        // The status route is the one the Twilio gateway hands out with each message.
        sms.MapPost(SmsGatewayNames.TwilioStatusRoute, TwilioStatusAsync);
        sms.MapPost("/twilio/inbound/{tenantSlug}", TwilioInboundAsync);
        sms.MapPost("/webhook/status", WebhookStatusAsync);
        sms.MapPost("/webhook/inbound/{tenantSlug}", WebhookInboundAsync);
    }

    /// <summary>A provider gets a bare status code, not the app's HTML error page.</summary>
    private static ValueTask<object?> PlainStatusCodes(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        return next(context);
    }

    private static async Task<IResult> TwilioStatusAsync(HttpContext context, [FromServices] IOptions<SmsOptions> options,
        [FromServices] IPublicLinks links, CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadTwilioFormAsync(context, options.Value, links, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        // Only final states matter; queued/sending/sent/accepted are steps on the way.
        var status = form["MessageStatus"].ToString() switch
        {
            "delivered" or "read" => ReceiptStatus.Delivered,
            "failed" or "undelivered" => (ReceiptStatus?)ReceiptStatus.Failed,
            _ => null,
        };
        var sid = form["MessageSid"].ToString();
        if (status is { } final && sid.Length > 0)
        {
            var errorCode = form["ErrorCode"].ToString();
            await Receipts(context).ApplyAsync(SmsGatewayNames.Twilio, sid, final,
                errorCode.Length > 0 ? $"Twilio error {errorCode}" : null, cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> TwilioInboundAsync(string tenantSlug, HttpContext context, [FromServices] IOptions<SmsOptions> options,
        [FromServices] IPublicLinks links, [FromServices] IDbContextFactory<AppDbContext> dbFactory, [FromServices] TenantScopeFactory tenantScopes,
        CancellationToken cancellationToken)
    {
        var (form, refusal) = await ReadTwilioFormAsync(context, options.Value, links, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        var handled = await HandleInboundAsync(tenantSlug, form["From"].ToString(), form["Body"].ToString(), dbFactory, tenantScopes, cancellationToken);
        // Twilio replies with whatever TwiML says: an empty Response sends nothing back.
        return handled ?? Results.Content(EmptyTwiml, "text/xml");
    }

    private static async Task<IResult> WebhookStatusAsync(HttpContext context, [FromServices] IOptions<SmsOptions> options,
        CancellationToken cancellationToken)
    {
        var (receipt, refusal) = await ReadSignedJsonAsync<WebhookReceipt>(context, options.Value, cancellationToken);
        if (receipt is null)
        {
            return refusal!;
        }

        var status = receipt.Status switch
        {
            "delivered" => ReceiptStatus.Delivered,
            "failed" or "undelivered" => (ReceiptStatus?)ReceiptStatus.Failed,
            _ => null,
        };
        if (status is { } final && !string.IsNullOrEmpty(receipt.Id))
        {
            await Receipts(context).ApplyAsync(SmsGatewayNames.Webhook, receipt.Id, final, receipt.Error, cancellationToken);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> WebhookInboundAsync(string tenantSlug, HttpContext context, [FromServices] IOptions<SmsOptions> options,
        [FromServices] IDbContextFactory<AppDbContext> dbFactory, [FromServices] TenantScopeFactory tenantScopes, CancellationToken cancellationToken)
    {
        var (inbound, refusal) = await ReadSignedJsonAsync<WebhookInboundSms>(context, options.Value, cancellationToken);
        if (inbound is null)
        {
            return refusal!;
        }

        return await HandleInboundAsync(tenantSlug, inbound.From ?? "", inbound.Text ?? "", dbFactory, tenantScopes, cancellationToken)
            ?? Results.NoContent();
    }

    /// <summary>Resolved only for a signed request, so an unconfigured provider answers 404 whatever is registered.</summary>
    private static IDeliveryReceipts Receipts(HttpContext context) => context.RequestServices.GetRequiredService<IDeliveryReceipts>();

    /// <summary>Hands the message to the tenant named by the (signed) URL; an error result, or null when handled.</summary>
    private static async Task<IResult?> HandleInboundAsync(string tenantSlug, string from, string body,
        IDbContextFactory<AppDbContext> dbFactory, TenantScopeFactory tenantScopes, CancellationToken cancellationToken)
    {
        if (from.Length == 0)
        {
            return Results.BadRequest();
        }

        Guid tenantId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            tenantId = await db.Tenants.Where(t => t.Slug == tenantSlug).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (tenantId == Guid.Empty)
        {
            return Results.NotFound();
        }

        // The handler works on tenant-owned data (consent, suppression) with that tenant's filters and guard.
        await using var scope = tenantScopes.CreateScope(tenantId);
        await scope.ServiceProvider.GetRequiredService<IInboundSmsHandler>().HandleAsync(tenantId, from, body, cancellationToken);
        return null;
    }

    /// <summary>The form of a request Twilio signed, or why not: 404 when Twilio is not configured, 403 for a bad signature.</summary>
    private static async Task<(IFormCollection? Form, IResult? Refusal)> ReadTwilioFormAsync(
        HttpContext context, SmsOptions options, IPublicLinks links, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Twilio.AuthToken))
        {
            return (null, Results.NotFound());
        }

        LimitBody(context);
        if (!context.Request.HasFormContentType)
        {
            return (null, Results.BadRequest());
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        // Twilio signs the URL it was given; we gave it one built from the public base address.
        var url = links.Absolute(context.Request.Path.Value + context.Request.QueryString.Value);
        var fields = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? "")));
        return TwilioSignature.IsValid(options.Twilio.AuthToken, url, fields, context.Request.Headers[TwilioSignature.Header])
            ? (form, null)
            : (null, Results.StatusCode(StatusCodes.Status403Forbidden));
    }

    /// <summary>A provider's callback is small; the server refuses (413) anything larger before it is read.</summary>
    private static void LimitBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
    }

    /// <summary>The JSON body of a request signed with the webhook secret, or why not (404, 400, 403).</summary>
    private static async Task<(T? Value, IResult? Refusal)> ReadSignedJsonAsync<T>(HttpContext context, SmsOptions options, CancellationToken cancellationToken)
        where T : class
    {
        var secret = options.Webhook.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            return (null, Results.NotFound());
        }

        LimitBody(context);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!WebhookSignature.IsValid(secret, body, context.Request.Headers[WebhookSignature.Header]))
        {
            return (null, Results.StatusCode(StatusCodes.Status403Forbidden));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body) is { } value ? (value, null) : (null, Results.BadRequest());
        }
        catch (JsonException)
        {
            return (null, Results.BadRequest());
        }
    }
}

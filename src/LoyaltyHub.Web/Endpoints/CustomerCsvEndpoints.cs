using System.Text;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Web.Hosting;

namespace LoyaltyHub.Web.Endpoints;

internal static class CustomerCsvEndpoints
{
    /// <summary>GET /manage/customers.csv: the current tenant's customers, streamed as they are read.</summary>
    public static void MapCustomerCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/manage/customers.csv", async (HttpContext context, CustomerCsv csv, TimeProvider clock) =>
        {
            var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{day}.csv\"";
            // A byte-order mark so spreadsheets read accented names as UTF-8.
            await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await csv.WriteAsync(writer, context.RequestAborted);
        }).RequireAuthorization(Policies.Manager);
}

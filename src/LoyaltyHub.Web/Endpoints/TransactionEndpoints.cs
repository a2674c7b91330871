using System.Globalization;
using System.Text;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Transactions;
using LoyaltyHub.Web.Hosting;

namespace LoyaltyHub.Web.Endpoints;

internal static class TransactionEndpoints
{
    /// <summary>
    /// The Transactions CSV, with the page's filters as query parameters. Tenant-scoped by the
    /// signed-in manager's claim (the request's tenant context), never by a parameter; rows are
    /// written as they are read, so a large export does not sit in memory.
    /// </summary>
    public static void MapTransactionsExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/manage/transactions.csv", (TransactionService transactions, int? shop, DateOnly? from, DateOnly? to,
            int? customer, TransactionType? type) =>
            Results.Stream(async body =>
            {
                var filter = new TransactionFilter(shop, from, to, customer, type);
                var zoneId = await transactions.TimeZoneAsync();
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
                // UTF-8 with a BOM: Excel then reads accents right.
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await writer.WriteAsync(CsvSafe.Line(["When", "Shop", "Customer", "Type", "Amount", "Currency", "Points", "Reference"]));
                await foreach (var row in transactions.StreamAsync(filter))
                {
                    await writer.WriteAsync(CsvSafe.Line([
                        TimeZoneInfo.ConvertTime(row.When, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        row.ShopName,
                        row.CustomerName,
                        TransactionTexts.Type(row),
                        row.AmountMinor is { } amount ? Money.ToText(amount) : null,
                        row.Currency,
                        row.Points?.ToString(CultureInfo.InvariantCulture),
                        row.Reference,
                    ]));
                }
            }, "text/csv; charset=utf-8", "transactions.csv"))
        .RequireAuthorization(Policies.Manager);
}

/// <summary>How transaction types read on screen and in the export.</summary>
public static class TransactionTexts
{
    public static string Type(TransactionType type) => type switch
    {
        TransactionType.GiftCardSale => "Gift card sale",
        TransactionType.GiftCardUse => "Gift card use",
        TransactionType.GiftCardReversal => "Gift card reversal",
        TransactionType.Purchase => "Purchase",
        TransactionType.PointsRedeem => "Points redeemed",
        TransactionType.PointsAdjust => "Points adjustment",
        TransactionType.PointsExpire => "Points expired",
        TransactionType.PointsReversal => "Points reversal",
        _ => type.ToString(),
    };

    /// <summary>The row's type, with a voided purchase marked as such.</summary>
    public static string Type(TransactionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Voided ? Type(row.Type) + " (voided)" : Type(row.Type);
    }
}

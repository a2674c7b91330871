using System.Globalization;
using CsvHelper;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// The manager's CSV export of the current tenant's customers. Rows are streamed from the
/// database to the response, so a large customer base is never held in memory; every text cell
/// goes through <see cref="CsvSafe"/> because the file is opened in spreadsheets.
/// </summary>
public sealed class CustomerCsv(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>The header row; the import recognises the same names.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "card number", "first name", "middle name", "last name", "email", "phone", "birth date", "postal code", "language", "pro", "tags",
        "sms consent", "email consent", "status", "created at",
    ];

    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        await csv.WriteRecordAsync([.. Headers], cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Customers.AsNoTracking().Include(c => c.Tags).AsSplitQuery().OrderBy(c => c.Id).AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(cancellationToken))
        {
            string?[] cells =
            [
                c.CardNumber, c.FirstName, c.MiddleName, c.LastName, c.Email, c.Phone, c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.PostalCode, c.Language, c.IsPro ? "yes" : "no", CustomerTags.Format(c.Tags.Select(t => t.Tag)),
                c.SmsConsent.Granted ? "yes" : "no", c.EmailConsent.Granted ? "yes" : "no",
                c.Status == CustomerStatus.Closed ? "closed" : "active", c.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ];
            await csv.WriteRecordAsync(cells.Select(cell => CsvSafe.Neutralise(cell) ?? "").ToArray(), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}

using System.Globalization;
using CsvHelper;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>A CSV file as read: its header row and its data rows (cells as text).</summary>
public sealed record CsvTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

public enum ImportRowStatus
{
    New = 0,
    Invalid = 1,
    SkippedExists = 2,
}

/// <summary>One data row's outcome; <see cref="Line"/> is the file's line (the header is line 1).</summary>
public sealed record ImportRow(int Line, ImportRowStatus Status, string Name, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportReport(IReadOnlyList<ImportRow> Rows, int? BatchId)
{
    public int New => Rows.Count(r => r.Status == ImportRowStatus.New);

    public int Skipped => Rows.Count(r => r.Status == ImportRowStatus.SkippedExists);

    public int Invalid => Rows.Count(r => r.Status == ImportRowStatus.Invalid);

    /// <summary>False when any row is invalid: then nothing was written.</summary>
    public bool Imported => Invalid == 0;
}

public sealed partial class CustomerService
{
    /// <summary>The upload limit: a few tens of thousands of customers, well below what a request should carry.</summary>
    public const long ImportMaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Reads a CSV upload (header row first) whatever Excel saved it as: comma, semicolon or tab
    /// separated (<see cref="CsvUpload.Dialect"/>), UTF-8 or Windows-1252, quoted fields with
    /// separators and line breaks inside. Throws <see cref="InvalidDataException"/> for a file that is not CSV.
    /// </summary>
    public static async Task<CsvTable> ReadCsvAsync(Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, cancellationToken);
        var text = CsvUpload.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        var (separator, headerStart) = CsvUpload.Dialect(text);
        try
        {
            await using var csv = CsvReader.FromText(text[headerStart..], new CsvReaderOptions { Separator = separator });
            await csv.ReadHeaderAsync(cancellationToken);
            var headers = csv.Headers.ToList();
            var rows = new List<IReadOnlyList<string>>();
            while (await csv.ReadAsync(cancellationToken))
            {
                rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToList());
            }

            return new CsvTable(headers, rows);
        }
        catch (Exception e) when (e is CsvFormatException or CsvValidationException)
        {
            throw new InvalidDataException("The file could not be read as CSV: " + e.Message, e);
        }
    }

    /// <summary>Validates every row with the same rules as the manager's form, without writing anything.</summary>
    public async Task<ImportReport> PreviewImportAsync(CsvTable table, IReadOnlyList<ImportField> mapping, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, _) = await PlanImportAsync(db, table, mapping, cancellationToken);
        return report;
    }

    /// <summary>
    /// Imports all new rows or none: any invalid row fails the whole import, with the report. Rows
    /// matching an existing customer (card number or email) are left as they are — an import
    /// only creates, so it can never overwrite an opt-out. One transaction; one batch row.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string fileName, CsvTable table, IReadOnlyList<ImportField> mapping, CustomerActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, customers) = await PlanImportAsync(db, table, mapping, cancellationToken);
        if (!report.Imported || customers.Count == 0)
        {
            return report;
        }

        var now = clock.GetUtcNow();
        var batch = new ImportBatch { FileName = Path.GetFileName(fileName), CreatedAt = now, ByUserId = actor.UserId, ByName = actor.Name, Count = customers.Count };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        var usedCards = customers.Select(c => c.Customer.CardNumber).ToHashSet(StringComparer.Ordinal);
        foreach (var (customer, _) in customers)
        {
            customer.ImportBatchId = batch.Id;
            customer.CreatedAt = now;
            if (customer.CardNumber.Length == 0)
            {
                // Generated here so it cannot collide with a number typed further down the same file.
                do
                {
                    customer.CardNumber = await NewCardNumberAsync(db, cancellationToken);
                }
                while (!usedCards.Add(customer.CardNumber));
            }
        }

        db.Customers.AddRange(customers.Select(c => c.Customer));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (customer, granted) in customers)
        {
            foreach (var channel in granted)
            {
                db.ConsentLog.Add(LogEntry(customer, channel, true, ConsentSources.Import, actor, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return report with { BatchId = batch.Id };
    }

    /// <summary>
    /// Deletes the customers a batch created, only while nothing else refers to them: no visit,
    /// no consent change besides the import's, and no row of another feature (the database's
    /// foreign keys refuse the delete, and the whole undo is rolled back).
    /// </summary>
    public async Task<Result> UndoImportAsync(int batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Set<ImportBatch>().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return Result.NotFound("The import");
        }

        if (batch.UndoneAt is not null)
        {
            return Result.Ok();
        }

        const string InUse = "This import can no longer be undone: some of its customers have been used since (visits, consent changes or other records).";
        var ids = await db.Customers.Where(c => c.ImportBatchId == batchId).Select(c => c.Id).ToListAsync(cancellationToken);
        if (await db.Customers.AnyAsync(c => c.ImportBatchId == batchId && (c.LastVisitAt != null || c.Status != CustomerStatus.Active), cancellationToken)
            || await db.ConsentLog.AnyAsync(e => ids.Contains(e.CustomerId) && e.Source != ConsentSources.Import, cancellationToken)
            || await db.Users.AnyAsync(u => u.CustomerId != null && ids.Contains(u.CustomerId.Value), cancellationToken))
        {
            return Result.Fail("", InUse);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.ConsentLog.Where(e => ids.Contains(e.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<CustomerTag>().Where(t => ids.Contains(t.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            await db.Customers.Where(c => c.ImportBatchId == batchId).ExecuteDeleteAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Result.Fail("", InUse);
        }

        batch.UndoneAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The current tenant's imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportBatch>> ImportBatchesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportBatch>().AsNoTracking().OrderByDescending(b => b.Id).Take(50).ToListAsync(cancellationToken);
    }

    private async Task<(ImportReport Report, List<(Customer Customer, List<ConsentChannel> Granted)> Customers)> PlanImportAsync(
        AppDbContext db, CsvTable table, IReadOnlyList<ImportField> mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(mapping);
        var merchant = await MerchantAsync(db, cancellationToken);
        var language = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Language).SingleAsync(cancellationToken);
        var rows = new List<ImportRow>();
        var creates = new List<(Customer, List<ConsentChannel>)>();
        var seenCards = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenEmails = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var line = i + 2;
            var cells = table.Rows[i];
            string? Get(ImportField field)
            {
                var index = IndexOf(mapping, field);
                return index >= 0 && index < cells.Count && !string.IsNullOrWhiteSpace(cells[index]) ? cells[index].Trim() : null;
            }

            var errors = new ErrorList();
            var input = new CustomerInput
            {
                FirstName = Get(ImportField.FirstName) ?? "",
                LastName = Get(ImportField.LastName) ?? "",
                MiddleName = Get(ImportField.MiddleName),
                Email = Get(ImportField.Email),
                Phone = Get(ImportField.Phone),
                PostalCode = Get(ImportField.PostalCode),
                Language = Get(ImportField.Language)?.ToLowerInvariant() ?? language,
                IsPro = CustomerImportColumns.IsYes(Get(ImportField.Pro)),
                Tags = Get(ImportField.Tags),
            };
            if (Get(ImportField.BirthDate) is { } birth)
            {
                if (DateOnly.TryParseExact(birth, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    input.BirthDate = date;
                }
                else
                {
                    errors.Add(nameof(CustomerInput.BirthDate), "Write the birth date as 2026-01-31 or 31/01/2026.");
                }
            }

            var profile = Check(input, merchant, errors);
            var card = "";
            if (Get(ImportField.CardNumber) is { } typedCard)
            {
                if (CardNumbers.TryNormalize(typedCard, out var normalized, out var cardError))
                {
                    card = normalized;
                }
                else
                {
                    errors.Add(nameof(ImportField.CardNumber), cardError);
                }
            }

            var sms = CustomerImportColumns.IsYes(Get(ImportField.SmsConsent));
            var email = CustomerImportColumns.IsYes(Get(ImportField.EmailConsent));
            if (sms && profile is not null && profile.Phone is null)
            {
                errors.Add(nameof(ImportField.SmsConsent), "SMS consent needs a mobile phone number.");
            }

            if (email && profile is not null && profile.Email is null)
            {
                errors.Add(nameof(ImportField.EmailConsent), "Email consent needs an email address.");
            }

            // Duplicates inside the file are errors: which of the two rows is right is the manager's call.
            if (card.Length > 0 && !seenCards.TryAdd(card, line))
            {
                errors.Add(nameof(ImportField.CardNumber), $"The same card number is on line {seenCards[card]}.");
            }

            if (profile?.Email is { } address && !seenEmails.TryAdd(address, line))
            {
                errors.Add(nameof(CustomerInput.Email), $"The same email is on line {seenEmails[address]}.");
            }

            var name = $"{input.FirstName} {input.LastName}".Trim();
            // An existing customer is never touched, whatever the row says (an opt-out stays an opt-out).
            var existingEmail = input.Email?.Trim().ToLowerInvariant();
            if ((card.Length > 0 && await db.Customers.AnyAsync(c => c.CardNumber == card, cancellationToken))
                || (existingEmail is not null && await db.Customers.AnyAsync(c => c.Email == existingEmail, cancellationToken)))
            {
                rows.Add(new ImportRow(line, ImportRowStatus.SkippedExists, name, new Dictionary<string, string[]>()));
                continue;
            }

            if (errors.Failed || profile is null)
            {
                rows.Add(new ImportRow(line, ImportRowStatus.Invalid, name, errors.ToResult().Errors));
                continue;
            }

            var customer = new Customer { CardNumber = card, FirstName = "", LastName = "", Status = CustomerStatus.Active };
            profile.ApplyTo(customer, input);
            var granted = new List<ConsentChannel>();
            foreach (var (channel, yes) in new[] { (ConsentChannel.Sms, sms), (ConsentChannel.Email, email) })
            {
                if (yes)
                {
                    Record(customer.Consent(channel), true, clock.GetUtcNow(), ConsentSources.Import, ConsentTexts.For(channel, merchant.Name));
                    granted.Add(channel);
                }
            }

            creates.Add((customer, granted));
            rows.Add(new ImportRow(line, ImportRowStatus.New, name, new Dictionary<string, string[]>()));
        }

        return (new ImportReport(rows, null), creates);
    }

    private static int IndexOf(IReadOnlyList<ImportField> mapping, ImportField field)
    {
        for (var i = 0; i < mapping.Count; i++)
        {
            if (mapping[i] == field)
            {
                return i;
            }
        }

        return -1;
    }
}

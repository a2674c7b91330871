using System.Text;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Portal;

/// <summary>CSV import: all or nothing, never touching existing customers, undoable by batch.</summary>
public sealed class CustomerImportTests(TestApps apps) : IClassFixture<TestApps>
{
    private const string Header = "card number,firstname,last name,email,phone,birth date,postal code,language,pro,tags,sms consent,email consent";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_valid_file_imports_every_row_with_consent_log_and_the_batch_can_be_undone(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("imported");
        var table = await ReadAsync(
            Header,
            $",Marie,Curie,{email},06 12 34 56 78,1967-11-07,75005,fr,no,\"science, vip\",yes,no",
            ",Pierre,Curie,,,15/05/1959,,,yes,,,");

        var report = await CallAsync(app, merchant.TenantId, s => s.ImportAsync("clients.csv", table, CustomerImportColumns.GuessAll(table.Headers), Manager));

        Assert.True(report.Imported, Describe(report));
        Assert.Equal(2, report.New);
        var batchId = Assert.IsType<int>(report.BatchId);
        var imported = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AsNoTracking().Include(c => c.Tags)
            .Where(c => c.ImportBatchId == batchId).OrderBy(c => c.FirstName).ToListAsync());
        Assert.Equal(["Marie", "Pierre"], imported.Select(c => c.FirstName));
        var marie = imported[0];
        Assert.Equal(("+33612345678", email, new DateOnly(1967, 11, 7), true, false), (marie.Phone, marie.Email, marie.BirthDate, marie.SmsConsent.Granted, marie.EmailConsent.Granted));
        Assert.Equal(["science", "vip"], marie.Tags.Select(t => t.Tag).Order());
        Assert.True(imported[1].IsPro);
        var log = await CallAsync(app, merchant.TenantId, s => s.ConsentLogAsync(marie.Id));
        Assert.Equal([(ConsentChannel.Sms, true, ConsentSources.Import)], log.Select(l => (l.Channel, l.Granted, l.Source)));

        var undone = await CallAsync(app, merchant.TenantId, s => s.UndoImportAsync(batchId));

        Assert.True(undone.Succeeded, Accounts.Describe(undone.Errors));
        Assert.False(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.ImportBatchId == batchId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_invalid_row_imports_nothing_and_the_report_names_the_row_and_field(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var table = await ReadAsync(Header, ",Good,Row,,,,,,,,,", ",Bad,Row,,not a phone,,,,,,,", ",Twin,Row,,,,,,,,,");
        var before = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId));

        var report = await CallAsync(app, merchant.TenantId, s => s.ImportAsync("bad.csv", table, CustomerImportColumns.GuessAll(table.Headers), Manager));

        Assert.False(report.Imported);
        Assert.Null(report.BatchId);
        var bad = Assert.Single(report.Rows, r => r.Status == ImportRowStatus.Invalid);
        Assert.Equal(3, bad.Line);
        Assert.Contains(nameof(CustomerInput.Phone), bad.Errors.Keys);
        Assert.Equal(before, await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_existing_customer_who_opted_out_is_skipped_and_left_unchanged(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var existing = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer()); // asked at the counter, declined both
        var table = await ReadAsync(Header, $"{existing.CardNumber},Other,Name,{existing.Email},,,,,,,yes,yes");

        var report = await CallAsync(app, merchant.TenantId, s => s.ImportAsync("again.csv", table, CustomerImportColumns.GuessAll(table.Headers), Manager));

        Assert.Equal(ImportRowStatus.SkippedExists, Assert.Single(report.Rows).Status);
        var stored = await CallAsync(app, merchant.TenantId, s => s.FindAsync(existing.Id));
        Assert.Equal((existing.FirstName, false, false), (stored!.Customer.FirstName, stored.Customer.SmsConsent.Granted, stored.Customer.EmailConsent.Granted));
        Assert.DoesNotContain(await CallAsync(app, merchant.TenantId, s => s.ConsentLogAsync(existing.Id)), l => l.Source == ConsentSources.Import);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Duplicates_inside_the_file_are_errors_and_a_used_batch_cannot_be_undone(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var email = Accounts.UniqueEmail("twice");
        var twice = await ReadAsync(Header, $",A,One,{email},,,,,,,,", $",B,Two,{email},,,,,,,,");
        var single = await ReadAsync(Header, $",A,One,{email},06 12 34 56 78,,,,,,,");

        var duplicate = await CallAsync(app, merchant.TenantId, s => s.PreviewImportAsync(twice, CustomerImportColumns.GuessAll(twice.Headers)));
        var report = await CallAsync(app, merchant.TenantId, s => s.ImportAsync("one.csv", single, CustomerImportColumns.GuessAll(single.Headers), Manager));
        var id = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.ImportBatchId == report.BatchId).Select(c => c.Id).SingleAsync());
        await CallAsync(app, merchant.TenantId, s => s.ChangeConsentAsync(id, ConsentChannel.Sms, true, ConsentSources.BackOffice, Manager));
        var undo = await CallAsync(app, merchant.TenantId, s => s.UndoImportAsync(report.BatchId!.Value));

        Assert.Equal(3, Assert.Single(duplicate.Rows, r => r.Status == ImportRowStatus.Invalid).Line);
        Assert.False(undo.Succeeded);
        Assert.True(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Id == id)));
    }

    private static string Describe(ImportReport report) =>
        string.Join("\n", report.Rows.Select(r => $"line {r.Line} {r.Status}: {Accounts.Describe(r.Errors)}"));

    private static async Task<CsvTable> ReadAsync(params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        return await CustomerService.ReadCsvAsync(stream);
    }
}

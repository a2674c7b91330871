using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Customers;

public sealed partial class CustomerService
{
    /// <summary>
    /// The customer a customer login belongs to, in the current tenant only: the tenant filter on
    /// customers means a login of another merchant finds nothing. Closed accounts are not shown.
    /// </summary>
    public async Task<Customer?> OwnAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customerId = await db.Users.Where(u => u.Id == userId && u.TenantId == db.CurrentTenantId)
            .Select(u => u.CustomerId).FirstOrDefaultAsync(cancellationToken);
        return customerId is null ? null : await db.Customers.AsNoTracking().Include(c => c.Tags)
            .FirstOrDefaultAsync(c => c.Id == customerId && c.Status == CustomerStatus.Active, cancellationToken);
    }

    /// <summary>
    /// "Download my data": the customer's personal data, consents and consent log. Other features
    /// (purchases, points) add their sections through <see cref="IPersonalDataSource"/>.
    /// </summary>
    public async Task<PersonalDataExport?> ExportAsync(string? userId, IEnumerable<IPersonalDataSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var customer = await OwnAsync(userId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var log = await db.ConsentLog.AsNoTracking().Where(l => l.CustomerId == customer.Id).OrderBy(l => l.Id)
            .Select(l => new PersonalDataConsentChange(l.Channel.ToString(), l.Granted, l.At, l.Source, l.ByName, l.Text))
            .ToListAsync(cancellationToken);
        var sections = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            sections[source.Name] = await source.ExportAsync(customer.Id, cancellationToken);
        }

        return new PersonalDataExport(
            new PersonalDataProfile(customer.CardNumber, customer.FirstName, customer.MiddleName, customer.LastName, customer.Gender.ToString(),
                customer.BirthDate, customer.Email, customer.Phone, customer.PostalCode, customer.Language, customer.IsPro,
                customer.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(), customer.CreatedAt, customer.LastVisitAt),
            new PersonalDataConsents(customer.SmsConsent, customer.EmailConsent), log, sections, clock.GetUtcNow());
    }
}

/// <summary>
/// A feature that holds more of a customer's data (purchases, points, gift cards) and adds it to
/// "Download my data". Registered as scoped services; each returns a JSON-serialisable object.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The section's name in the file, e.g. "purchases".</summary>
    string Name { get; }

    Task<object> ExportAsync(int customerId, CancellationToken cancellationToken);
}

public sealed record PersonalDataExport(PersonalDataProfile Profile, PersonalDataConsents Consents,
    IReadOnlyList<PersonalDataConsentChange> ConsentLog, IReadOnlyDictionary<string, object> More, DateTimeOffset ExportedAt);

public sealed record PersonalDataProfile(string CardNumber, string FirstName, string? MiddleName, string LastName, string Gender,
    DateOnly? BirthDate, string? Email, string? Phone, string? PostalCode, string Language, bool IsPro, IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt, DateTimeOffset? LastVisitAt);

public sealed record PersonalDataConsents(ChannelConsent Sms, ChannelConsent Email);

public sealed record PersonalDataConsentChange(string Channel, bool Granted, DateTimeOffset At, string Source, string By, string Text);

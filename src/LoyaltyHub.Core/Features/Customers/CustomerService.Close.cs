using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Customers;

public sealed partial class CustomerService
{
    /// <summary>The name a closed account shows wherever the row still appears (history, reports).</summary>
    public const string ClosedName = "Closed account";

    /// <summary>
    /// Closes a customer's account for good (seed 002): personal data erased, consents withdrawn
    /// with their log rows, the login deleted, the card never found at the counter again. The row
    /// itself stays so accounting rows (purchases, points, gift cards) keep their customer and the
    /// card number is never handed to anyone else. All in one transaction.
    /// </summary>
    public async Task<Result> CloseAsync(int id, CustomerActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateScope(RequireTenant());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Result.NotFound("The customer");
        }

        if (customer.Status == CustomerStatus.Closed)
        {
            return Result.Ok();
        }

        var merchant = await MerchantAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var channel in new[] { ConsentChannel.Sms, ConsentChannel.Email })
        {
            // Withdrawn before the contact details go, so the log row keeps the proof of the withdrawal.
            if (customer.Consent(channel).Granted)
            {
                Record(customer.Consent(channel), false, now, ConsentSources.AccountClosed, ConsentTexts.Withdrawn(channel, merchant.Name));
                db.ConsentLog.Add(LogEntry(customer, channel, false, ConsentSources.AccountClosed, actor, now));
            }
        }

        customer.FirstName = ClosedName;
        customer.LastName = "";
        customer.MiddleName = null;
        customer.Gender = Gender.Unspecified;
        customer.Email = null;
        customer.Phone = null;
        customer.BirthDate = null;
        customer.PostalCode = null;
        customer.IsPro = false;
        customer.SearchName = "";
        customer.Tags.Clear();
        customer.Status = CustomerStatus.Closed;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var login = await db.Users.FirstOrDefaultAsync(u => u.CustomerId == id, cancellationToken);
        if (login is not null)
        {
            // Consent-log rows keep the login's id as text, not as a foreign key, so deleting it loses no proof.
            var deleted = await users.DeleteAsync(login);
            if (!deleted.Succeeded)
            {
                return LoginInvitations.ToResult(deleted, "");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}

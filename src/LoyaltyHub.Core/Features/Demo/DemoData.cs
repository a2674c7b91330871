using System.Diagnostics;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Tenancy;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Core.Features.Demo;

/// <summary>
/// Seeds the embedded default's demo: a platform admin, a merchant with two shops, a manager,
/// one staff login per shop, two customers with portal logins and a crowd of customers without
/// (see <see cref="DemoCustomers"/>) with their purchase history (see <see cref="DemoHistory"/>),
/// and a few web-shop orders (see <see cref="DemoOrders"/>), all in one transaction;
/// the thousands of customers and purchases are written in bulk (<see cref="BulkInsert"/>), then
/// the planner's statistics refreshed, and the lots of the history already past their validity
/// expired as the hourly <see cref="PointsExpiryJob"/> would (so balances and ledgers read right
/// from the first minute, not after its first run). Runs once (it does nothing when the demo merchant exists)
/// and prints the logins when it does run.
/// </summary>
public sealed partial class DemoData(
    IServiceProvider services, TenantScopeFactory scopes, PointsExpiry expiry, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string Password = "Demo#2026pass";
    public const string Slug = "demo";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var probe = services.CreateAsyncScope())
        {
            if (await probe.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AnyAsync(t => t.Slug == Slug, cancellationToken))
            {
                return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var tenant = new Tenant { Name = "Demo Coffee Roasters", Slug = Slug, Country = "FR", Language = "en", CreatedAt = now };
        await using var scope = scopes.CreateScope(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var credential = scope.ServiceProvider.GetRequiredService<ApiCredentialService>().Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.Add(tenant);
        var shops = new[]
        {
            new Shop { Name = "Downtown", Address = "12 Rue de Rivoli, 75004 Paris", Phone = "+33 1 42 00 00 01", Email = "downtown@demo.loyaltyhub.local", CreatedAt = now },
            new Shop { Name = "Harbour", Address = "3 Quai du Port, 13002 Marseille", Phone = "+33 4 91 00 00 02", Email = "harbour@demo.loyaltyhub.local", CreatedAt = now },
        };
        db.Shops.AddRange(shops);
        db.ApiCredentials.Add(credential);
        var categories = DemoCatalog.Categories(); // 3 categories, 10 products
        db.AddRange(categories);
        await db.SaveChangesAsync(cancellationToken);
        db.AddRange(DemoHistory.Programs(shops));
        db.AddRange(DemoHistory.GiftCards(shops, tenant.Currency, now));
        await db.SaveChangesAsync(cancellationToken);

        var logins = new List<(string Role, string Login)>();
        async Task AddAsync(AppUser user, string role, string login)
        {
            user.EmailConfirmed = true;
            user.LockoutEnabled = true;
            user.CreatedAt = now;
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            logins.Add((role, login));
        }

        await AddAsync(Back("admin@loyaltyhub.local", "Platform Admin", null), Roles.PlatformAdmin, "admin@loyaltyhub.local");
        await AddAsync(Back("manager@demo.loyaltyhub.local", "Marie Martin", tenant.Id), Roles.Manager, "manager@demo.loyaltyhub.local");
        foreach (var shop in shops)
        {
            var staff = Back(shop.Email, shop.Name, tenant.Id);
            staff.ShopId = shop.Id;
            await AddAsync(staff, Roles.Staff, shop.Email);
        }

        var named = new[]
        {
            DemoCustomers.Named("Alice", "Durand", "alice@example.com", "+33612345601", 1, shops[0], now.AddDays(-120)),
            DemoCustomers.Named("Bob", "Petit", "bob@example.com", "+33612345602", 2, shops[1], now.AddDays(-45)),
        };
        DemoCustomers.Consent(named[0], ConsentChannel.Sms, true, tenant.Name);
        DemoCustomers.Consent(named[0], ConsentChannel.Email, true, tenant.Name);
        DemoCustomers.Consent(named[1], ConsentChannel.Email, false, tenant.Name);
        var crowd = DemoCustomers.MakeCrowd(tenant, shops, now);
        var plan = DemoHistory.Plan(crowd, now);
        var customers = named.Concat(crowd).ToList();
        await DemoCustomers.WriteAsync(db, customers, shops, cancellationToken);
        await DemoHistory.WriteAsync(db, plan, shops, [.. categories.SelectMany(c => c.Products)], tenant.Currency, cancellationToken);
        foreach (var customer in named)
        {
            var login = new AppUser
            {
                UserName = LoginNames.ForCustomer(tenant.Id, customer.Email!),
                Email = customer.Email,
                TenantId = tenant.Id,
                CustomerId = customer.Id,
                DisplayName = customer.FullName,
                Language = customer.Language,
            };
            await AddAsync(login, Roles.Customer, $"{customer.Email} (at /me/{Slug}, card {CardNumbers.Display(customer.CardNumber)})");
        }

        var orders = DemoOrders.Make(named, shops, tenant.Currency, now);
        db.AddRange(orders);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(DemoOrders.Return(orders, now));
        await db.SaveChangesAsync(cancellationToken);
        await Messaging.Credits.CreditLedger.GrantAsync(db, tenant.Id, Messaging.MessageChannel.Sms, 500, "Demo credits", null, now, cancellationToken);
        await Messaging.Credits.CreditLedger.GrantAsync(db, tenant.Id, Messaging.MessageChannel.Email, 1000, "Demo credits", null, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await PlannerStatistics.AnalyzeAsync(db.Database, cancellationToken);
        await expiry.ExpireDueAsync(tenant.Id, PointsExpiryJob.DueBy(now, TimeZones.Find(tenant.TimeZone)), cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogSeeded(customers.Count, DemoHistory.Purchases, seconds);
        foreach (var (role, login) in logins)
        {
            LogLogin(role, login, Password);
        }
    }

    private static AppUser Back(string email, string name, Guid? tenantId) =>
        new() { UserName = LoginNames.ForBackOffice(email), Email = email, DisplayName = name, TenantId = tenantId };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Customers} customers, {Purchases} purchases in {Seconds:F1} s")]
    private partial void LogSeeded(int customers, int purchases, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo login — {Role}: {Login} / {Password}")]
    private partial void LogLogin(string role, string login, string password);
}

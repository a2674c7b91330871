using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.Core.Features.Tenancy;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// The one EF Core model of LoyaltyHub. Tenant-owned entities are filtered by the current tenant
/// and guarded on save; see <see cref="TenantModel"/>.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The tenant whose rows this context sees; read by the query filters.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();
    public DbSet<ConsentLogEntry> ConsentLog => Set<ConsentLogEntry>();
    public DbSet<ApiCredential> ApiCredentials => Set<ApiCredential>();
    public DbSet<DevMail> DevMails => Set<DevMail>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        IdentityModel.Configure(builder, this);
        CustomerConfiguration.ConfigureProvider(builder, Database);
        GiftCardConfiguration.ConfigureProvider(builder, Database);
        Features.Messaging.Outbox.OutboxMessageConfiguration.ConfigureProvider(builder, Database);
        builder.Entity<DataProtectionKey>().IsGlobal("Data Protection keys are shared by the whole deployment.");
        TenantModel.Apply(builder, this);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantGuard.Check(ChangeTracker, CurrentTenantId);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantGuard.Check(ChangeTracker, CurrentTenantId);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

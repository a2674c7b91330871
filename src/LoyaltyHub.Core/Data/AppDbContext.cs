using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.GiftCards;
using LoyaltyHub.Core.Features.Identity;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Mail;
using LoyaltyHub.Core.Features.Messaging.Gateways;
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
/// and guarded on save; see <see cref="TenantModel"/>. The app's contexts come from a pool (see
/// <see cref="TenantContexts"/>), which makes them with the options alone and hands each one out
/// again with the tenant of the scope that leases it.
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser, IdentityRole, string>, IDataProtectionKeyContext
{
    private ITenantContext tenant = new TenantContext();

    /// <summary>
    /// The only constructor, as the pool requires: a context acts for no tenant until
    /// <see cref="ActFor"/> (<see cref="TenantContexts"/> calls it on each lease).
    /// </summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>The tenant whose rows this context sees; read by the query filters.</summary>
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>Set on each lease from the pool, before the context is used.</summary>
    public void ActFor(ITenantContext scopeTenant) => tenant = scopeTenant ?? throw new ArgumentNullException(nameof(scopeTenant));

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();
    public DbSet<ConsentLogEntry> ConsentLog => Set<ConsentLogEntry>();
    public DbSet<ApiCredential> ApiCredentials => Set<ApiCredential>();
    public DbSet<DevMail> DevMails => Set<DevMail>();
    public DbSet<DevSms> DevSms => Set<DevSms>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        IdentityModel.Configure(builder, this);
        CustomerConfiguration.ConfigureProvider(builder, Database);
        builder.Entity<DataProtectionKey>().IsGlobal("Data Protection keys are shared by the whole deployment.");
        TenantModel.Apply(builder, this);
    }

    /// <summary>On SQLite every DateTimeOffset is stored as UTC ticks, so it sorts and compares (<see cref="UtcTicksConverter"/>).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// Indexes sized for a million customers per tenant: every counter look-up and the manager's
/// default sorts are one index range inside the tenant.
/// </summary>
internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.CardNumber).HasMaxLength(CardNumbers.MaxLength);
        builder.Property(c => c.FirstName).HasMaxLength(CustomerInput.NameMax);
        builder.Property(c => c.LastName).HasMaxLength(CustomerInput.NameMax);
        builder.Property(c => c.MiddleName).HasMaxLength(CustomerInput.NameMax);
        builder.Property(c => c.Email).HasMaxLength(CustomerInput.EmailMax);
        builder.Property(c => c.Phone).HasMaxLength(PhoneNumbers.MaxLength);
        builder.Property(c => c.PostalCode).HasMaxLength(CustomerInput.PostalCodeMax);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.SearchName).HasMaxLength(SearchKeys.MaxLength);
        builder.Ignore(c => c.FullName);
        builder.ComplexProperty(c => c.SmsConsent, Consent);
        builder.ComplexProperty(c => c.EmailConsent, Consent);

        builder.HasIndex(c => new { c.TenantId, c.CardNumber }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.Phone });
        // Unique: the email is also the customer's login name in this tenant.
        builder.HasIndex(c => new { c.TenantId, c.Email }).IsUnique();
        // Name prefix search (a range) and the sorts of the manager's list. Each ends with the id,
        // the sorts' tie-breaker: PostgreSQL could otherwise only sort each run of equal keys, and
        // a run can be every customer who never visited. (SQLite indexes end with the rowid anyway.)
        builder.HasIndex(c => new { c.TenantId, c.SearchName, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.LastVisitAt, c.Id });

        // A deleted shop leaves its customers without a shop of registration, not without a card.
        builder.HasOne(c => c.RegisteredShop).WithMany().HasForeignKey(c => c.RegisteredShopId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void Consent(ComplexPropertyBuilder<ChannelConsent> consent)
    {
        consent.Property(c => c.Source).HasMaxLength(40);
        consent.Property(c => c.Text).HasMaxLength(ConsentLogConfiguration.TextMax);
    }

    /// <summary>
    /// What the two databases need differently, called from <c>AppDbContext.OnModelCreating</c>:
    /// <list type="bullet">
    /// <item>The name key is compared in code point order, where a prefix is one range and one
    /// b-tree serves both that range and the name sort: PostgreSQL's "C" collation (under a
    /// linguistic one, LIKE needs <c>text_pattern_ops</c>, whose order the sort cannot use);
    /// SQLite's NOCASE, which on the lower-case key orders as BINARY does.</item>
    /// <item>SQLite's dates are sortable integers like every DateTimeOffset there (<see cref="Data.UtcTicksConverter"/>).</item>
    /// </list>
    /// </summary>
    internal static void ConfigureProvider(ModelBuilder modelBuilder, DatabaseFacade database)
    {
        var customer = modelBuilder.Entity<Customer>();
        if (database.IsNpgsql())
        {
            customer.Property(c => c.SearchName).UseCollation("C");
        }
        else if (database.IsSqlite())
        {
            customer.Property(c => c.SearchName).UseCollation("NOCASE");
        }
    }
}

internal sealed class CustomerTagConfiguration : IEntityTypeConfiguration<CustomerTag>
{
    public void Configure(EntityTypeBuilder<CustomerTag> builder)
    {
        builder.ToTable("CustomerTags");
        builder.HasKey(t => new { t.CustomerId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(CustomerTags.TagMax);
        builder.HasIndex(t => new { t.TenantId, t.Tag });
    }
}

internal sealed class ConsentLogConfiguration : IEntityTypeConfiguration<ConsentLogEntry>
{
    internal const int TextMax = 500;

    public void Configure(EntityTypeBuilder<ConsentLogEntry> builder)
    {
        builder.ToTable("ConsentLog");
        builder.Property(e => e.Source).HasMaxLength(40);
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.ByName).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(TextMax);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CustomerId, e.Id });
    }
}

using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Loyalty;

public enum PointKind
{
    Earn = 0,
    Redeem = 1,
    Adjust = 2,
    Expire = 3,
    Reversal = 4,
}

public enum CashbackKind
{
    Earn = 0,
    Spend = 1,
    Reversal = 2,
}

/// <summary>
/// One row of a customer's points ledger. Append-only: rows are never updated or deleted, a
/// correction is a new row; the balance is the sum of <see cref="Delta"/>. Times are UTC
/// <see cref="DateTime"/>s because both providers compare and sort them natively.
/// </summary>
public sealed class PointEntry : ITenantOwned, ICustomerEvent
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public int CustomerId { get; set; }

    public long Delta { get; set; }

    public PointKind Kind { get; set; }

    public long? PurchaseId { get; set; }

    public int? RewardProgramId { get; set; }

    /// <summary>Earn rows only: when what is left of this lot expires.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Expire rows only: the earn row (lot) they close, see <see cref="PointsFifo"/>.</summary>
    public long? LotId { get; set; }

    public string? ByUserId { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One row of a customer's cashback ledger, in minor units of the tenant's currency; append-only.</summary>
public sealed class CashbackEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public int CustomerId { get; set; }

    public long DeltaMinor { get; set; }

    public CashbackKind Kind { get; set; }

    public long? PurchaseId { get; set; }

    public string? ByUserId { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Cache of a customer's ledger sums and counters, one row per customer. It is only ever changed
/// by conditional SQL updates (<c>Points = Points + d WHERE Points + d &gt;= 0</c>) inside the
/// transaction that appends the ledger rows, and <see cref="Version"/> is bumped on every change
/// (a concurrency token for any tracked write), so it always equals the ledger's sum.
/// </summary>
public sealed class LoyaltyBalance : ITenantOwned
{
    public int CustomerId { get; set; }

    public Guid TenantId { get; set; }

    public long Points { get; set; }

    public long CashbackMinor { get; set; }

    public int VisitCount { get; set; }

    public int PurchaseCount { get; set; }

    public long Version { get; set; }
}

internal sealed class PointEntryConfiguration : IEntityTypeConfiguration<PointEntry>
{
    public void Configure(EntityTypeBuilder<PointEntry> builder)
    {
        builder.ToTable("PointEntries");
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CustomerId, e.Id });
        builder.HasIndex(e => new { e.TenantId, e.Kind, e.ExpiresAt });
        builder.HasIndex(e => e.PurchaseId);
        builder.HasIndex(e => e.LotId);
    }
}

internal sealed class CashbackEntryConfiguration : IEntityTypeConfiguration<CashbackEntry>
{
    public void Configure(EntityTypeBuilder<CashbackEntry> builder)
    {
        builder.ToTable("CashbackEntries");
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CustomerId, e.Id });
        builder.HasIndex(e => e.PurchaseId);
    }
}

internal sealed class LoyaltyBalanceConfiguration : IEntityTypeConfiguration<LoyaltyBalance>
{
    public void Configure(EntityTypeBuilder<LoyaltyBalance> builder)
    {
        builder.ToTable("LoyaltyBalances");
        builder.HasKey(b => b.CustomerId);
        builder.Property(b => b.CustomerId).ValueGeneratedNever();
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasOne<Customer>().WithOne().HasForeignKey<LoyaltyBalance>(b => b.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

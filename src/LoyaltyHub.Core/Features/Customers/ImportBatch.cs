using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>One CSV import of customers: who, when, which file, how many. Its customers point back here so it can be undone.</summary>
public sealed class ImportBatch : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public required string FileName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? ByUserId { get; set; }

    public required string ByName { get; set; }

    public int Count { get; set; }

    /// <summary>Set when the batch was undone: its customers are gone, the row stays as the record.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.ByUserId).HasMaxLength(450);
        builder.Property(b => b.ByName).HasMaxLength(200);
        builder.HasIndex(b => new { b.TenantId, b.CreatedAt });
        builder.HasMany<Customer>().WithOne().HasForeignKey(c => c.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

using System.Linq.Expressions;
using System.Reflection;
using LoyaltyHub.Core.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyHub.Core.Data;

/// <summary>Model-building rules that make tenancy hold for every entity.</summary>
public static class TenantModel
{
    /// <summary>Name of the query filter every tenant-owned entity carries.</summary>
    public const string FilterName = "Tenant";

    /// <summary>Annotation that records why an entity has no tenant filter.</summary>
    public const string GlobalAnnotation = "LoyaltyHub:GlobalReason";

    /// <summary>Marks an entity type we do not own (Identity, Data Protection) as global.</summary>
    public static EntityTypeBuilder<T> IsGlobal<T>(this EntityTypeBuilder<T> builder, string reason) where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(GlobalAnnotation, reason);
        return builder;
    }

    public static string? GlobalReason(this IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.FindAnnotation(GlobalAnnotation)?.Value as string;
    }

    /// <summary>
    /// Gives each <see cref="ITenantOwned"/> entity the filter <c>TenantId == context.CurrentTenantId</c>
    /// and records the reason of each <see cref="GlobalEntityAttribute"/>. The filter reads the
    /// context's property, so EF parameterises it per context instance.
    /// </summary>
    internal static void Apply(ModelBuilder modelBuilder, AppDbContext context)
    {
        var contextExpression = Expression.Constant(context);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => t.BaseType is null))
        {
            var clrType = entityType.ClrType;
            if (clrType.GetCustomAttribute<GlobalEntityAttribute>() is { } global)
            {
                entityType.SetAnnotation(GlobalAnnotation, global.Reason);
                continue;
            }

            if (!typeof(ITenantOwned).IsAssignableFrom(clrType))
            {
                continue;
            }

            var entity = Expression.Parameter(clrType, "e");
            var body = Expression.Equal(
                Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?)),
                Expression.Property(contextExpression, nameof(AppDbContext.CurrentTenantId)));
            modelBuilder.Entity(clrType).HasQueryFilter(FilterName, Expression.Lambda(body, entity));
            modelBuilder.Entity(clrType).HasOne(typeof(Tenant)).WithMany()
                .HasForeignKey(nameof(ITenantOwned.TenantId)).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

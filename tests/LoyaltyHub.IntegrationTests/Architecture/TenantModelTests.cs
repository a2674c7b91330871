using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LoyaltyHub.IntegrationTests.Architecture;

/// <summary>
/// The tenancy rules of the model (ARCHITECTURE §3), checked on the model each provider really
/// builds: every entity is tenant-filtered or marked global with a reason, and the unique indexes
/// of tenant-owned entities are per tenant.
/// </summary>
public sealed class TenantModelTests
{
    /// <summary>
    /// Unique indexes of tenant-owned entities that deliberately do not include TenantId, each with
    /// its reason. Anything else without TenantId fails the test.
    /// </summary>
    private static readonly Dictionary<(Type Entity, string Columns), string> GlobalUniqueIndexes = new()
    {
        // The API key is sent with each call before any tenant is known; it finds the tenant, so it
        // must be unique across the platform (see ApiCredentialConfiguration).
        [(typeof(ApiCredential), nameof(ApiCredential.Key))] = "API keys identify the tenant of an inbound call.",
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void Every_entity_is_tenant_filtered_or_marked_global(string provider)
    {
        var model = DesignTimeModel(provider);

        var unexplained = model.GetEntityTypes()
            .Where(e => e.FindDeclaredQueryFilter(TenantModel.FilterName) is null
                        && e.GetRootType().FindDeclaredQueryFilter(TenantModel.FilterName) is null
                        && string.IsNullOrWhiteSpace(e.GetRootType().GlobalReason()))
            .Select(e => e.DisplayName())
            .ToList();

        Assert.True(unexplained.Count == 0,
            $"Entities with neither the '{TenantModel.FilterName}' query filter nor a {TenantModel.GlobalAnnotation} reason: {string.Join(", ", unexplained)}");
        // Sanity: the model is the real one (it has the tenant-owned and global entities we know).
        Assert.Contains(model.GetEntityTypes(), e => e.ClrType == typeof(LoyaltyHub.Core.Features.Shops.Shop));
        Assert.Contains(model.GetEntityTypes(), e => e.ClrType == typeof(LoyaltyHub.Core.Features.Tenancy.Tenant));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void Every_tenant_owned_entity_has_the_tenant_filter_and_no_global_reason(string provider)
    {
        var model = DesignTimeModel(provider);
        var owned = TenantOwned(model);

        Assert.NotEmpty(owned);
        foreach (var entity in owned)
        {
            var filter = entity.FindDeclaredQueryFilter(TenantModel.FilterName);
            Assert.True(filter?.Expression is not null, $"{entity.DisplayName()} is ITenantOwned but has no '{TenantModel.FilterName}' filter.");
            Assert.Contains(nameof(ITenantOwned.TenantId), filter!.Expression!.ToString(), StringComparison.Ordinal);
            Assert.True(entity.GlobalReason() is null, $"{entity.DisplayName()} is ITenantOwned but also marked global.");
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public void Unique_indexes_of_tenant_owned_entities_include_TenantId(string provider)
    {
        var model = DesignTimeModel(provider);
        var allowed = new HashSet<(Type, string)>();

        var offending = new List<string>();
        foreach (var entity in TenantOwned(model))
        {
            foreach (var index in entity.GetIndexes().Where(i => i.IsUnique))
            {
                var columns = string.Join(",", index.Properties.Select(p => p.Name));
                if (index.Properties.Any(p => p.Name == nameof(ITenantOwned.TenantId)))
                {
                    continue;
                }

                if (GlobalUniqueIndexes.ContainsKey((entity.ClrType, columns)))
                {
                    allowed.Add((entity.ClrType, columns));
                    continue;
                }

                offending.Add($"{entity.DisplayName()}({columns})");
            }
        }

        Assert.True(offending.Count == 0, $"Unique indexes without TenantId: {string.Join(", ", offending)}");
        // The allow-list must not go stale: each entry still names a real global unique index.
        Assert.Equal(GlobalUniqueIndexes.Keys.OrderBy(k => k.ToString()), allowed.OrderBy(k => k.ToString()));
    }

    private static List<IEntityType> TenantOwned(IModel model) =>
        model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

    /// <summary>The full (design-time) model, with every annotation, as the provider builds it.</summary>
    private static IModel DesignTimeModel(string provider)
    {
        // Building the model opens no connection, so placeholders are enough.
        var settings = provider == Providers.Sqlite
            ? new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:")
            : new DatabaseSettings(DatabaseProvider.Postgres, "Host=model-only.invalid;Database=none");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        using var db = new AppDbContext(options.Options);
        return db.GetService<IDesignTimeModel>().Model;
    }
}

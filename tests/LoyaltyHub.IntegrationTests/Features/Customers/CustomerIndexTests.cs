using System.Data.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>
/// The counter's name look-up stays one index range at a million customers: each database's
/// planner is asked how it would run it. PostgreSQL plans by statistics, so it first gets a few
/// thousand customers and an ANALYZE (on a near-empty table every index costs the same).
/// </summary>
public sealed class CustomerIndexTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Name_prefix_search_is_a_LIKE_prefix_served_by_the_search_name_index(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        await RegisterAsync(app, merchant.TenantId, shop, NewCustomer(lastName: "Durand"));
        if (provider == Providers.Postgres)
        {
            await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Customers" ("TenantId", "CardNumber", "FirstName", "LastName", "Gender", "Language", "IsPro", "CreatedAt",
                    "Status", "SearchName", "EmailConsent_Granted", "SmsConsent_Granted", "Phone")
                SELECT {merchant.TenantId}, '9' || lpad(i::text, 11, '0'), 'First', 'Last', 0, 'fr', false, now(), 0, md5(i::text), false, false,
                    '+3361' || lpad(i::text, 7, '0')
                FROM generate_series(1, 3000) AS i
                """));
            await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE \"Customers\""));
        }

        var (sql, plan) = await app.AsTenantAsync(merchant.TenantId, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var query = db.Customers.Where(LookupKeys.Parse("dur", "FR").Predicates.Single()).Select(c => c.Id);
            return (query.ToQueryString(), await PlanAsync(db, provider, merchant.TenantId, "dur%"));
        });

        // What EF sends: a LIKE on the stored key, which the index below can serve.
        Assert.Contains("\"SearchName\" LIKE", sql, StringComparison.Ordinal);
        if (provider == Providers.Postgres)
        {
            // ~>=~ and ~<~ are the operators of text_pattern_ops: the prefix became an index range.
            Assert.Contains(CustomerConfiguration.SearchNameIndex, plan, StringComparison.Ordinal);
            Assert.Contains("~>=~", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"INDEX {CustomerConfiguration.SearchNameIndex} (TenantId=? AND SearchName>? AND SearchName<?)", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<string> PlanAsync(AppDbContext db, string provider, Guid tenantId, string pattern)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = (provider == Providers.Postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") +
                "SELECT \"Id\" FROM \"Customers\" WHERE \"TenantId\" = @tenant AND \"SearchName\" LIKE @pattern";
            Add(command, "@tenant", provider == Providers.Postgres ? tenantId : tenantId.ToString().ToUpperInvariant());
            Add(command, "@pattern", pattern);
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(reader.FieldCount - 1));
            }

            return string.Join('\n', lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

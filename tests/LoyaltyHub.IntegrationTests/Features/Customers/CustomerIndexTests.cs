using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>
/// Every seek of the counter's look-up stays one index range at a million customers: each
/// database's planner is asked how it would run the exact command EF sends. SQLite is asked
/// without statistics, where it once walked the whole name index for a phone; PostgreSQL plans by
/// statistics, so it first gets a few thousand customers and an ANALYZE (on a near-empty table
/// every index costs the same).
/// </summary>
public sealed class CustomerIndexTests(TestApps apps) : IClassFixture<TestApps>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_lookup_seek_is_served_by_its_own_index(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        var shop = await Accounts.CreateShopAsync(app, merchant.TenantId);
        var durand = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer(lastName: "Durand"));
        if (provider == Providers.Postgres)
        {
            await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Customers" ("TenantId", "CardNumber", "FirstName", "LastName", "Gender", "Language", "IsPro", "CreatedAt",
                    "Status", "SearchName", "EmailConsent_Granted", "SmsConsent_Granted", "Phone", "Email")
                SELECT {merchant.TenantId}, '9' || lpad(i::text, 11, '0'), 'First', 'Last', 0, 'fr', false, now(), 0, md5(i::text), false, false,
                    '+3361' || lpad(i::text, 7, '0'), 'bulk' || i || '@example.com'
                FROM generate_series(1, 3000) AS i
                """));
            await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE \"Customers\""));
        }

        // (text typed, which of its meanings, the index, the column constraint SQLite reports)
        var cases = new (string Text, int Meaning, string Index, string Constraint)[]
        {
            (durand.CardNumber, 0, "IX_Customers_TenantId_CardNumber", "CardNumber=?"),
            ("06 12 34 56 78", 1, "IX_Customers_TenantId_Phone", "Phone=?"),
            ("someone@example.com", 0, "IX_Customers_TenantId_Email", "Email=?"),
            ("dur", 0, "IX_Customers_TenantId_SearchName_Id", "SearchName>? AND SearchName<?"),
            ("Alice Durand", 0, "IX_Customers_TenantId_SearchName_Id", "SearchName>? AND SearchName<?"),
        };
        foreach (var (text, meaning, index, constraint) in cases)
        {
            var seeks = LookupKeys.Parse(text, "FR").Meanings[meaning].Seeks;
            Assert.Equal(text == "Alice Durand" ? 2 : 1, seeks.Count);
            foreach (var seek in seeks)
            {
                var plan = await app.AsTenantAsync(merchant.TenantId, sp => PlanAsync(sp.GetRequiredService<AppDbContext>(), provider, seek));
                if (provider == Providers.Postgres)
                {
                    Assert.Contains($"Index Scan using \"{index}\"", plan, StringComparison.Ordinal);
                    Assert.DoesNotContain("Seq Scan on \"Customers\"", plan, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains($"SEARCH c USING INDEX {index} (TenantId=? AND {constraint})", plan, StringComparison.Ordinal);
                    Assert.DoesNotContain("SCAN c ", plan + " ", StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>The planner's answer for the command EF sends for <paramref name="seek"/>, parameters bound.</summary>
    private static async Task<string> PlanAsync(AppDbContext db, string provider, LookupSeek seek)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = CustomerService.Seek(db, seek).CreateDbCommand();
            command.CommandText = (provider == Providers.Postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
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
}

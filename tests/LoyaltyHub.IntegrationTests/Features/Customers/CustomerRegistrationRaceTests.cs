using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Shops;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LoyaltyHub.IntegrationTests.Features.Customers.CustomerHelpers;

namespace LoyaltyHub.IntegrationTests.Features.Customers;

/// <summary>
/// Two counters registering the same pre-printed card number (or email) at the same moment: both
/// pass the up-front check, the unique index picks a winner, and the loser gets the check's own
/// message with nothing of theirs written — on each database, many times over.
/// </summary>
public sealed class CustomerRegistrationRaceTests(TestApps apps) : IClassFixture<TestApps>
{
    private const int Rounds = 12;
    private const string CardTaken = "This card number already belongs to a customer.";
    private const string EmailTaken = "Another customer already has this email address.";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_registrations_of_one_typed_card_number_make_one_customer_and_a_clear_message(string provider)
    {
        var (app, merchant, shop) = await SetUpAsync(provider);
        for (var round = 0; round < Rounds; round++)
        {
            var card = CardNumbers.Generate();
            CustomerRegistration[] inputs = [NewCustomer(), NewCustomer()];
            inputs[0].CardNumber = CardNumbers.Display(card);
            inputs[1].CardNumber = card;

            var results = await RaceAsync(inputs.Select(input => (Func<Task<Result>>)(async () =>
                await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(input, StaffOf(shop))))));

            var loser = AssertOneWinner(results);
            AssertField(results[loser], nameof(CustomerRegistration.CardNumber), CardTaken);
            Assert.Equal(1, await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId && c.CardNumber == card)));
            await AssertNothingWrittenForAsync(app, inputs[loser].Email!);
        }

        await AssertOneOfEachAsync(app, merchant.TenantId, Rounds);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_registrations_of_one_email_make_one_customer_and_login_and_a_clear_message(string provider)
    {
        var (app, merchant, shop) = await SetUpAsync(provider);
        for (var round = 0; round < Rounds; round++)
        {
            var email = Accounts.UniqueEmail("race");
            CustomerRegistration[] inputs = [NewCustomer(email: email), NewCustomer(email: email.ToUpperInvariant())];

            var results = await RaceAsync(inputs.Select(input => (Func<Task<Result>>)(async () =>
                await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(input, StaffOf(shop))))));

            var loser = AssertOneWinner(results);
            AssertField(results[loser], nameof(CustomerInput.Email), EmailTaken);
            Assert.Equal(1, await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId && c.Email == email)));
            Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.TenantId == merchant.TenantId && u.Email == email)));
            Assert.Equal(1, await app.QueryAsync(db => db.DevMails.CountAsync(m => m.To == email)));
        }

        await AssertOneOfEachAsync(app, merchant.TenantId, Rounds);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_edit_racing_a_registration_for_one_email_leaves_it_to_one_customer(string provider)
    {
        var (app, merchant, shop) = await SetUpAsync(provider);
        for (var round = 0; round < Rounds; round++)
        {
            var existing = await RegisterAsync(app, merchant.TenantId, shop, NewCustomer());
            var email = Accounts.UniqueEmail("race");
            var edit = new CustomerInput
            {
                FirstName = existing.FirstName, LastName = existing.LastName, Email = email, Phone = existing.Phone, Language = existing.Language,
            };
            var registration = NewCustomer(email: email);

            var results = await RaceAsync([
                async () => await CallAsync(app, merchant.TenantId, s => s.UpdateAsync(existing.Id, edit, Manager)),
                async () => await CallAsync(app, merchant.TenantId, s => s.RegisterAsync(registration, StaffOf(shop))),
            ]);

            AssertField(results[AssertOneWinner(results)], nameof(CustomerInput.Email), EmailTaken);
            Assert.Equal(1, await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().CountAsync(c => c.TenantId == merchant.TenantId && c.Email == email)));
            Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.TenantId == merchant.TenantId && u.Email == email)));
        }
    }

    private async Task<(TestApp App, Merchant Merchant, Shop Shop)> SetUpAsync(string provider)
    {
        var app = await apps.GetAsync(provider);
        var merchant = await Accounts.SignUpMerchantAsync(app);
        return (app, merchant, await Accounts.CreateShopAsync(app, merchant.TenantId));
    }

    /// <summary>Starts every call at once (each in its own scope, as two counters would) and returns their results in order.</summary>
    private static async Task<Result[]> RaceAsync(IEnumerable<Func<Task<Result>>> calls)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = calls.Select(async call =>
        {
            await start.Task;
            return await call();
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    /// <summary>Exactly one call succeeded; returns the index of the other.</summary>
    private static int AssertOneWinner(Result[] results)
    {
        Assert.Equal(2, results.Length);
        Assert.Single(results, r => r.Succeeded);
        return Array.FindIndex(results, r => !r.Succeeded);
    }

    private static async Task AssertNothingWrittenForAsync(TestApp app, string email)
    {
        Assert.False(await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Email == email)));
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await app.QueryAsync(db => db.DevMails.AnyAsync(m => m.To == email)));
    }

    /// <summary>One customer per round, each with its login and its two consent log rows, and nothing else.</summary>
    private static async Task AssertOneOfEachAsync(TestApp app, Guid tenantId, int rounds)
    {
        var ids = await app.QueryAsync(db => db.Customers.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).Select(c => c.Id).ToListAsync());
        Assert.Equal(rounds, ids.Count);
        Assert.Equal(rounds, await app.QueryAsync(db => db.Users.CountAsync(u => u.CustomerId != null && ids.Contains(u.CustomerId.Value))));
        Assert.Equal(2 * rounds, await app.QueryAsync(db => db.ConsentLog.IgnoreQueryFilters().CountAsync(e => e.TenantId == tenantId)));
    }
}

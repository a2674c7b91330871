using FsCheck;
using FsCheck.Fluent;
using LoyaltyHub.Core.Features.Loyalty;
using LoyaltyHub.Core.Features.Rewards;
using LoyaltyHub.IntegrationTests.Features.Customers;
using LoyaltyHub.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.IntegrationTests.Features.Loyalty;

/// <summary>
/// FsCheck generates random sequences of earn, redeem, void, expire and adjust; each sequence runs
/// against a fresh customer on the real database through the Core services. After every step:
/// the balance is never negative, the cache equals the ledger's sum, the service accepted exactly
/// what a simple model says it should, and an expiry run leaves no due lot (FIFO, see PointsFifo).
/// </summary>
public sealed class LedgerPropertyTests(TestApps apps) : IClassFixture<TestApps>
{
    public enum OpKind
    {
        Earn,
        Redeem,
        Void,
        Expire,
        Adjust,
    }

    public sealed record Op(OpKind Kind, long Value);

    private static readonly Gen<Op> Step = Gen.OneOf(
        Gen.Choose(1, 20_000).Select(a => new Op(OpKind.Earn, a)),
        Gen.Constant(new Op(OpKind.Redeem, 0)),
        Gen.Choose(0, 10).Select(i => new Op(OpKind.Void, i)),
        Gen.Elements(0, 6, 13, 25).Select(m => new Op(OpKind.Expire, m)),
        Gen.Choose(-100, 100).Where(d => d != 0).Select(d => new Op(OpKind.Adjust, d)));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Random_sequences_keep_the_ledger_invariants(string provider)
    {
        var world = await LedgerWorld.CreateAsync(await apps.GetAsync(provider));
        var reward = await world.AddProgramAsync(RewardTrigger.Points, 50);
        var sequences = Arb.From(Gen.ListOf(Step, 12).Select(l => l.ToArray()));

        // The body is async; it runs on the thread pool (no test synchronization context to block).
        var property = Prop.ForAll(sequences, ops => Task.Run(() => RunAsync(world, reward.Id, ops)).GetAwaiter().GetResult());

        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), property));
    }

    private static async Task<bool> RunAsync(LedgerWorld world, int rewardId, Op[] ops)
    {
        var customer = await world.NewCustomerAsync();
        var purchases = new List<(long Id, long Earned, long Spent, bool Voided)>();
        long model = 0;
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case OpKind.Earn or OpKind.Redeem:
                {
                    var input = world.Purchase(op.Kind == OpKind.Earn ? op.Value : 1, op.Kind == OpKind.Redeem ? [rewardId] : []);
                    input.CustomerId = customer.Id;
                    var result = await world.RecordAsync(input);
                    var spent = op.Kind == OpKind.Redeem ? 50L : 0L;
                    Assert.Equal(model >= spent, result.Succeeded);
                    if (result.Succeeded)
                    {
                        purchases.Add((result.Value!.PurchaseId, result.Value.PointsEarned, spent, false));
                        model += result.Value.PointsEarned - spent;
                        Assert.Equal(op.Value / 100, result.Value.PointsEarned);
                    }

                    break;
                }

                case OpKind.Void when purchases.Count > 0:
                {
                    var index = (int)(op.Value % purchases.Count);
                    var target = purchases[index];
                    var result = await world.VoidAsync(target.Id);
                    Assert.Equal(!target.Voided && model + target.Spent - target.Earned >= 0, result.Succeeded);
                    if (result.Succeeded)
                    {
                        purchases[index] = target with { Voided = true };
                        model += target.Spent - target.Earned;
                    }

                    break;
                }

                case OpKind.Expire:
                {
                    var at = DateTime.UtcNow.AddMonths((int)op.Value);
                    var due = PointsFifo.Due(await LotsAsync(world, customer.Id), at).Sum(d => d.Points);
                    await world.App.Services.GetRequiredService<PointsExpiry>().ExpireDueAsync(world.TenantId, at);
                    model -= due;
                    Assert.Empty(PointsFifo.Due(await LotsAsync(world, customer.Id), at));
                    break;
                }

                case OpKind.Adjust:
                {
                    var result = await world.AdjustAsync(op.Value, customer.Id);
                    Assert.Equal(model + op.Value >= 0, result.Succeeded);
                    model += result.Succeeded ? op.Value : 0;
                    break;
                }
            }

            var (cached, ledger, cachedCashback, ledgerCashback) = await world.BalancesAsync(customer.Id);
            Assert.True(cached >= 0, $"Negative balance {cached} after {op}.");
            Assert.Equal((model, model, ledgerCashback), (cached, ledger, cachedCashback));
            Assert.Equal(ledger, PointsFifo.Remaining(await LotsAsync(world, customer.Id)).Values.Sum());
        }

        return true;
    }

    private static Task<List<LotRow>> LotsAsync(LedgerWorld world, int customerId) =>
        world.App.QueryAsync(db => db.Set<PointEntry>().IgnoreQueryFilters().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.Id).Select(e => new LotRow(e.Id, e.Delta, e.Kind, e.ExpiresAt, e.LotId)).ToListAsync());
}

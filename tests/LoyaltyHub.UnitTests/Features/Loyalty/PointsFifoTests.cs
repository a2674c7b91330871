using FsCheck.Xunit;
using LoyaltyHub.Core.Features.Loyalty;

namespace LoyaltyHub.UnitTests.Features.Loyalty;

public sealed class PointsFifoTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static LotRow Earn(long id, long points, int month) => new(id, points, PointKind.Earn, T0.AddMonths(month), null);

    private static LotRow Spend(long id, long points) => new(id, -points, PointKind.Redeem, null, null);

    [Fact]
    public void Spending_takes_the_oldest_lot_first()
    {
        var remaining = PointsFifo.Remaining([Earn(1, 100, 12), Earn(2, 50, 13), Spend(3, 120)]);

        Assert.Equal(0, remaining[1]);
        Assert.Equal(30, remaining[2]);
    }

    [Fact]
    public void Only_what_is_left_of_a_lot_past_its_expiry_is_due()
    {
        LotRow[] rows = [Earn(1, 100, 12), Earn(2, 50, 13), Spend(3, 70)];

        Assert.Equal([(1L, 30L)], PointsFifo.Due(rows, T0.AddMonths(12)));
        Assert.Equal([(1L, 30L), (2L, 50L)], PointsFifo.Due(rows, T0.AddMonths(13)));
        Assert.Empty(PointsFifo.Due(rows, T0.AddMonths(12).AddTicks(-1)));
    }

    [Fact]
    public void An_expire_row_closes_its_lot_so_a_second_run_finds_nothing()
    {
        LotRow[] rows = [Earn(1, 100, 12), Spend(2, 70), new(3, -30, PointKind.Expire, null, 1), Earn(4, 10, 24)];

        Assert.Empty(PointsFifo.Due(rows, T0.AddMonths(12)));
        Assert.Equal(10, PointsFifo.Remaining(rows)[4]);
    }

    [Fact]
    public void A_spend_after_an_expiry_takes_the_next_lot()
    {
        LotRow[] rows = [Earn(1, 100, 1), Earn(2, 100, 12), new(3, -100, PointKind.Expire, null, 1), Spend(4, 40)];

        Assert.Equal((0L, 60L), (PointsFifo.Remaining(rows)[1], PointsFifo.Remaining(rows)[2]));
    }

    /// <summary>
    /// Random earns and spends (a spend never above the balance): the lots left always add up to
    /// the balance, and they are used in order: only the lots after the first partly used one are whole.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Lots_are_used_first_in_first_out_and_sum_to_the_balance(int[] operations)
    {
        var rows = new List<LotRow>();
        long balance = 0;
        foreach (var op in operations ?? [])
        {
            var amount = (long)Math.Abs(op % 200);
            if (op >= 0 && amount > 0)
            {
                rows.Add(Earn(rows.Count + 1, amount, rows.Count));
                balance += amount;
            }
            else if (Math.Min(amount, balance) is var spend and > 0)
            {
                rows.Add(Spend(rows.Count + 1, spend));
                balance -= spend;
            }
        }

        var remaining = PointsFifo.Remaining(rows);
        var lots = rows.Where(r => r.Delta > 0).Select(r => (Original: r.Delta, Left: remaining[r.Id])).ToList();
        var firstLeft = lots.FindIndex(l => l.Left > 0);
        var inOrder = firstLeft < 0 || (lots.Take(firstLeft).All(l => l.Left == 0) && lots.Skip(firstLeft + 1).All(l => l.Left == l.Original));
        return remaining.Values.Sum() == balance && inOrder;
    }
}

namespace LoyaltyHub.Core.Features.Loyalty;

/// <summary>A points ledger row as the FIFO allocation sees it.</summary>
public readonly record struct LotRow(long Id, long Delta, PointKind Kind, DateTime? ExpiresAt, long? LotId);

/// <summary>
/// Which points are still left of each lot, computed from the ledger alone, so the answer is the
/// same every time it is asked:
/// <list type="number">
/// <item>Every positive row is a lot (earn rows carry an expiry; positive adjustments and
/// reversals never expire).</item>
/// <item>The rows are replayed in id (insertion) order. An Expire row consumes the lot it names
/// (<see cref="LotRow.LotId"/>). Any other negative row (redeem, negative adjustment, reversal)
/// consumes the oldest lots first: first in, first out, lots ordered by id.</item>
/// <item>What is left of a lot after the replay is its remaining points; an expiry run writes an
/// Expire row for exactly that remainder of each lot past its expiry.</item>
/// </list>
/// A lot that has passed its expiry but has no Expire row yet can still be spent: until the run
/// writes the row, the points are in the customer's balance.
/// </summary>
public static class PointsFifo
{
    /// <summary>Remaining points per lot id (lots with nothing left included, as 0).</summary>
    public static IReadOnlyDictionary<long, long> Remaining(IEnumerable<LotRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var remaining = new SortedDictionary<long, long>();
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            if (row.Delta > 0)
            {
                remaining[row.Id] = row.Delta;
            }
            else if (row.Kind == PointKind.Expire && row.LotId is { } lot && remaining.TryGetValue(lot, out var left))
            {
                remaining[lot] = Math.Max(0, left + row.Delta);
            }
            else if (row.Delta < 0)
            {
                Consume(remaining, -row.Delta);
            }
        }

        return remaining;
    }

    /// <summary>The expiries due at <paramref name="now"/>: (lot id, points to expire) for each lot past its expiry with points left.</summary>
    public static IReadOnlyList<(long LotId, long Points)> Due(IReadOnlyList<LotRow> rows, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var expiries = rows.Where(r => r.Delta > 0 && r.ExpiresAt is { } at && at <= now).ToDictionary(r => r.Id);
        return Remaining(rows)
            .Where(kv => kv.Value > 0 && expiries.ContainsKey(kv.Key))
            .Select(kv => (kv.Key, kv.Value))
            .ToList();
    }

    private static void Consume(SortedDictionary<long, long> remaining, long amount)
    {
        foreach (var lot in remaining.Keys.ToList())
        {
            if (amount == 0)
            {
                return;
            }

            var take = Math.Min(amount, remaining[lot]);
            remaining[lot] -= take;
            amount -= take;
        }
    }
}

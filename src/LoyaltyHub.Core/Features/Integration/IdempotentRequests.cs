using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Integration;

/// <summary>What to do with a request that carries an idempotency key.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>First time: do the work, then <see cref="IdempotentRequests.CompleteAsync"/>.</summary>
    public sealed record Proceed(long RowId) : IdempotencyClaim;

    /// <summary>Done before with the same request: answer this again.</summary>
    public sealed record Replay(int StatusCode, string ResponseJson) : IdempotencyClaim;

    /// <summary>The key was used for another request, or that request is still running.</summary>
    public sealed record Refuse(int StatusCode, string Message) : IdempotencyClaim;
}

/// <summary>
/// Claims an idempotency key by inserting its row first: the unique (tenant, key) index lets
/// exactly one of two simultaneous requests in; the other is told to retry later.
/// On SQLite its writes take the <see cref="WriteGate"/>'s turn like the work they wrap: a write
/// outside it would wait for the lock in SQLite's busy handler, sleeping while gated writers pass.
/// On PostgreSQL each is one statement on its own, without the round trips of a transaction.
/// </summary>
public sealed class IdempotentRequests(IDbContextFactory<AppDbContext> dbFactory, WriteGate writeGate, TimeProvider clock)
{
    public const int KeyMax = 255;

    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new IdempotentRequest { Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() };
        await using (var turn = await TurnAsync(db, cancellationToken))
        {
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await CommitAsync(turn, cancellationToken);
                return new IdempotencyClaim.Proceed(row.Id);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        var earlier = await db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.Key == key, cancellationToken);
        return earlier switch
        {
            _ when earlier.RequestHash != requestHash => new IdempotencyClaim.Refuse(422,
                "This Idempotency-Key was used for a different request; use a new key for a new request."),
            { StatusCode: { } status, ResponseJson: { } json } => new IdempotencyClaim.Replay(status, json),
            _ => new IdempotencyClaim.Refuse(409, "A request with this Idempotency-Key is still being processed; retry in a moment."),
        };
    }

    public async Task CompleteAsync(long rowId, int statusCode, string responseJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await TurnAsync(db, cancellationToken);
        await db.Set<IdempotentRequest>().Where(r => r.Id == rowId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseJson, responseJson), cancellationToken);
        await CommitAsync(turn, cancellationToken);
    }

    /// <summary>The work failed unexpectedly: free the key so a retry can do it.</summary>
    public async Task ReleaseAsync(long rowId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await TurnAsync(db, cancellationToken);
        await db.Set<IdempotentRequest>().Where(r => r.Id == rowId).ExecuteDeleteAsync(cancellationToken);
        await CommitAsync(turn, cancellationToken);
    }

    /// <summary>SQLite: the write gate's turn, in a transaction of its own; PostgreSQL: none (null).</summary>
    private async Task<WriteTransaction?> TurnAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() ? await writeGate.BeginAsync(db, cancellationToken) : null;

    private static Task CommitAsync(WriteTransaction? turn, CancellationToken cancellationToken) =>
        turn?.CommitAsync(cancellationToken) ?? Task.CompletedTask;
}

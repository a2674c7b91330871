using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LoyaltyHub.Core.Data;

/// <summary>
/// Begins the write transactions of the ledgers. On SQLite, which has one writer at a time, they
/// first queue here, one per process (the service provider's singleton), so concurrent writers
/// take turns without polling and never meet "database is locked"; each transaction holds the turn
/// only from BEGIN IMMEDIATE to COMMIT, so it must not wait for anything else meanwhile. On
/// PostgreSQL this is a plain transaction: row locks order the writers of one row only.
/// </summary>
public sealed class WriteGate(DatabaseSettings database) : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public async Task<WriteTransaction> BeginAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gated = database.Provider == DatabaseProvider.Sqlite;
        if (gated)
        {
            await turn.WaitAsync(cancellationToken);
        }

        try
        {
            // The caller rolls back as a whole whatever fails, so EF's savepoint before each
            // SaveChanges would only cost a round trip.
            db.Database.AutoSavepointsEnabled = false;
            return new WriteTransaction(await db.Database.BeginTransactionAsync(cancellationToken), gated ? turn : null);
        }
        catch
        {
            if (gated)
            {
                turn.Release();
            }

            throw;
        }
    }

    public void Dispose() => turn.Dispose();
}

/// <summary>A transaction begun by <see cref="WriteGate"/>: disposing it without a commit rolls back, and gives the turn on.</summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private SemaphoreSlim? turn;

    internal WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? turn)
    {
        this.transaction = transaction;
        this.turn = turn;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref turn, null)?.Release();
        }
    }
}

using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>One row of the manager's outbox list (no bodies: the list stays light).</summary>
public sealed record OutboxRow(
    long Id, DateTimeOffset CreatedAt, MessageChannel Channel, MessageKind Kind, string Source, string Recipient, string? Subject,
    OutboxState State, int Attempts, int Cost, string? LastError, DateTimeOffset? SentAt, bool IsTest);

public sealed record OutboxFilter(OutboxState? State = null, MessageChannel? Channel = null, string? Recipient = null);

/// <summary>The current tenant's outbox, newest first (the tenant filter scopes every query).</summary>
public sealed class OutboxQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<OutboxRow> Rows, int Count)> PageAsync(OutboxFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (filter.State is { } state)
        {
            query = query.Where(m => m.State == state);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(m => m.Channel == channel);
        }

        if (!string.IsNullOrWhiteSpace(filter.Recipient))
        {
            var recipient = filter.Recipient.Trim();
            query = query.Where(m => m.Recipient.StartsWith(recipient));
        }

        var count = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.Id).Skip(skip).Take(Math.Clamp(take, 1, 200))
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.Channel, m.Kind, m.Source, m.Recipient, m.Subject, m.State, m.Attempts, m.Cost, m.LastError, m.SentAt, m.IsTest))
            .ToListAsync(cancellationToken);
        return (rows, count);
    }
}

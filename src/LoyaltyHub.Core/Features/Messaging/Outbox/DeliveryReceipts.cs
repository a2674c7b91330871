using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Messaging.Credits;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Outbox;

/// <summary>
/// Applies a provider's receipt to the row it names. Credits are spent once the provider has
/// accepted a message: a Failed or Bounced receipt after Sent refunds nothing (the provider
/// charged for it). A receipt for an Unknown row proves the provider had it: it is settled then.
/// Only Sent (and Unknown) rows move, so a repeated or late receipt changes nothing. A receipt
/// that comes before the dispatcher recorded the provider id finds no row (false): the gateway's
/// webhook answers so that the provider tries again.
/// </summary>
internal sealed class DeliveryReceipts(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IDeliveryReceipts
{
    public async Task<bool> ApplyAsync(string gateway, string providerMessageId, ReceiptStatus status, string? error, CancellationToken cancellationToken)
    {
        var state = status switch
        {
            ReceiptStatus.Delivered => OutboxState.Delivered,
            ReceiptStatus.Failed => OutboxState.Failed,
            ReceiptStatus.Bounced => OutboxState.Bounced,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown receipt status."),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = db.Set<OutboxMessage>().IgnoreQueryFilters().Where(m => m.Gateway == gateway && m.ProviderMessageId == providerMessageId);
        var now = clock.GetUtcNow();
        var text = error is { Length: > OutboxMessage.ErrorMax } ? error[..OutboxMessage.ErrorMax] : error;

        // The write comes first (SQLite takes its write lock before reading anything).
        var fromUnknown = await rows.Where(m => m.State == OutboxState.Unknown)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.LastError, text)
                .SetProperty(m => m.SentAt, now).SetProperty(m => m.UpdatedAt, now), cancellationToken);
        if (fromUnknown > 0)
        {
            var settled = await rows.AsNoTracking().Select(m => new { m.TenantId, m.Channel, m.Cost }).ToListAsync(cancellationToken);
            foreach (var row in settled)
            {
                await CreditLedger.SettleAsync(db, row.TenantId, row.Channel, row.Cost, now, cancellationToken);
            }
        }

        var moved = await rows.Where(m => m.State == OutboxState.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.LastError, text).SetProperty(m => m.UpdatedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fromUnknown + moved > 0 || await rows.AnyAsync(cancellationToken);
    }
}

using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Credits;

/// <summary>A platform admin's manual grant (SPEC §11: top-ups paid by bank transfer, until billing exists).</summary>
public sealed class CreditGrantInput
{
    public const int ReasonMax = 200;
    public const int MaxCredits = 10_000_000;

    public MessageChannel Channel { get; set; } = MessageChannel.Sms;

    [Range(1, MaxCredits, ErrorMessage = "Grant a whole number of credits from 1 to 10,000,000.")]
    public int Credits { get; set; } = 1000;

    [Required(ErrorMessage = "Say why the credits are granted (for example: bank transfer of 2026-03-01).")]
    [StringLength(ReasonMax, ErrorMessage = "The reason is at most 200 characters.")]
    public string? Reason { get; set; }
}

/// <summary>One channel's balance as the manager's top bar shows it.</summary>
public sealed record ChannelCredits(MessageChannel Channel, long Available, long Reserved)
{
    /// <summary>Below this many credits the top bar warns that credits are running low.</summary>
    public const long LowThreshold = 50;

    public bool Exhausted => Available <= 0;

    public bool Low => Available < LowThreshold;
}

public sealed record CreditLedgerRow(long Id, MessageChannel Channel, CreditEntryKind Kind, long Credits, long? OutboxMessageId, string? Reason, DateTimeOffset CreatedAt);

/// <summary>Balances for the manager, grants and the ledger for the platform admin.</summary>
public sealed class CreditService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The current tenant's SMS and email balances (zero when never granted).</summary>
    public async Task<IReadOnlyList<ChannelCredits>> BalancesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CreditBalance>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. new[] { MessageChannel.Sms, MessageChannel.Email }.Select(channel =>
            rows.FirstOrDefault(r => r.Channel == channel) is { } row
                ? new ChannelCredits(channel, row.Available, row.Reserved)
                : new ChannelCredits(channel, 0, 0))];
    }

    /// <summary>Adds credits to <paramref name="tenantId"/> with a Grant ledger row naming the reason and the admin.</summary>
    public async Task<Result> GrantAsync(Guid tenantId, CreditGrantInput input, string actorId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        if (!Enum.IsDefined(input.Channel))
        {
            return Result.Fail(nameof(input.Channel), "Choose SMS or email.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return Result.NotFound("This merchant");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CreditLedger.GrantAsync(db, tenantId, input.Channel, input.Credits, input.Reason!.Trim(), actorId, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }

    /// <summary>The newest ledger rows of <paramref name="tenantId"/> (platform admin: no tenant in scope).</summary>
    public async Task<IReadOnlyList<CreditLedgerRow>> LedgerAsync(Guid tenantId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CreditEntry>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId)
            .OrderByDescending(e => e.Id)
            .Take(take)
            .Select(e => new CreditLedgerRow(e.Id, e.Channel, e.Kind, e.Credits, e.OutboxMessageId, e.Reason, e.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every tenant's balances, for the platform's merchant list.</summary>
    public async Task<IReadOnlyDictionary<Guid, (long Sms, long Email)>> AllBalancesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CreditBalance>().IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.TenantId).ToDictionary(
            g => g.Key,
            g => (g.Where(r => r.Channel == MessageChannel.Sms).Sum(r => r.Available), g.Where(r => r.Channel == MessageChannel.Email).Sum(r => r.Available)));
    }
}

using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Customers;
using LoyaltyHub.Core.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LoyaltyHub.Core.Features.GiftCards;

/// <summary>
/// Gift cards of the current tenant (SPEC §5): sale, look-up, redemption and the manager's list.
/// Each call opens its own short-lived context; the tenant filter makes another tenant's number
/// "not found". The value rules live in <see cref="GiftCardLedger"/>.
/// </summary>
public sealed partial class GiftCardService(
    IDbContextFactory<AppDbContext> dbFactory, IMailSender mail, TimeProvider clock, ILogger<GiftCardService> logger, IGiftCardEvents? events = null)
{
    /// <summary>The most one card can be sold for: 10,000.00; larger sums are a typo, not a present.</summary>
    public const long MaxSaleMinor = 10_000_00;

    public const string NumberInUse = "This gift card number is already in use.";

    public async Task<Result<GiftCardDetails>> SellAsync(GiftCardInput input, GiftCardActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.Where(t => t.Id == db.CurrentTenantId)
            .Select(t => new { t.Name, t.Currency, t.TimeZone, t.Country }).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (card, invalid) = Build(input, tenant.Currency, tenant.Country, GiftCardLedger.Today(tenant.TimeZone, now));
        if (invalid is not null)
        {
            return Result<GiftCardDetails>.From(invalid);
        }

        card!.CreatedAt = now;
        card.CreatedBy = actor.UserId;
        card.SoldAtShopId = actor.ShopId;
        if (card.BuyerCustomerId is { } buyer && !await db.Set<Customer>().AnyAsync(c => c.Id == buyer, cancellationToken))
        {
            return Result<GiftCardDetails>.Fail(nameof(GiftCardInput.BuyerCustomerId), "The buyer was not found.");
        }

        card.Number = card.Kind == GiftCardKind.Physical ? card.Number : await FreeNumberAsync(db, cancellationToken);
        if (await db.Set<GiftCard>().AnyAsync(c => c.Number == card.Number, cancellationToken))
        {
            return Result<GiftCardDetails>.Fail(nameof(GiftCardInput.Number), NumberInUse);
        }

        card.Entries.Add(new GiftCardEntry
        {
            Kind = GiftCardEntryKind.Issue, AmountMinor = card.InitialAmountMinor, ShopId = actor.ShopId, StaffId = actor.UserId, CreatedAt = now,
        });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(card);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent sale took the number between the check and the save.
            if (await NumberTakenAsync(card.Number, cancellationToken))
            {
                return Result<GiftCardDetails>.Fail(nameof(GiftCardInput.Number), NumberInUse);
            }

            throw;
        }

        // The recipient's message is queued with the sale; when the messages do not take it, the plain mail goes after the commit.
        var queued = card.Kind == GiftCardKind.Virtual && events is not null && await events.VirtualCardSoldAsync(db, card, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Sent after the commit: a mail about a card that was never saved would be worse than a late one.
        if (card.Kind == GiftCardKind.Virtual && card.RecipientEmail is not null && !queued)
        {
            try
            {
                await mail.SendAsync(GiftCardMail.Compose(card, tenant.Name, db.CurrentTenantId), cancellationToken);
            }
#pragma warning disable CA1031 // The sale is committed and paid: a mail failure must not report it as failed.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogMailFailed(logger, exception, card.Id);
            }
        }

        return Result<GiftCardDetails>.Ok((await GetAsync(card.Id, cancellationToken))!);
    }

    /// <summary>A card by its number (typed or scanned), with balance and history.</summary>
    public async Task<Result<GiftCardDetails>> FindAsync(string? number, CancellationToken cancellationToken = default)
    {
        if (!GiftCardNumbers.TryNormalize(number, out var normalized, out var error))
        {
            return Result<GiftCardDetails>.Fail("Number", error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Set<GiftCard>().Where(c => c.Number == normalized).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? Result<GiftCardDetails>.Fail("Number", GiftCardLedger.NotFound)
            : Result<GiftCardDetails>.Ok((await GetAsync(id.Value, cancellationToken))!);
    }

    public async Task<GiftCardDetails?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var today = GiftCardLedger.Today(zone, clock.GetUtcNow());
        var card = await db.Set<GiftCard>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var history = await db.Set<GiftCardEntry>().Where(e => e.GiftCardId == id)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Select(e => new GiftCardMovement(e.CreatedAt, e.Kind, e.AmountMinor,
                db.Shops.Where(s => s.Id == e.ShopId).Select(s => s.Name).FirstOrDefault(), e.PurchaseKey))
            .ToListAsync(cancellationToken);
        return new GiftCardDetails(Summarize(card, today), card.InitialAmountMinor, card.RecipientEmail, card.RecipientPhone,
            card.Message, card.CreatedAt, zone, history);
    }

    /// <summary>Newest first; <paramref name="search"/> matches the start of the number or the recipient's name.</summary>
    public async Task<GiftCardPage> ListAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.TimeZone).SingleAsync(cancellationToken);
        var today = GiftCardLedger.Today(zone, clock.GetUtcNow());
        var query = db.Set<GiftCard>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var digits = string.Concat(text.Where(char.IsAsciiDigit));
            query = query.Where(c => (digits.Length > 0 && c.Number.StartsWith(digits)) || (c.RecipientName != null && c.RecipientName.Contains(text)));
        }

        var total = await query.CountAsync(cancellationToken);
        var cards = await query.OrderByDescending(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new GiftCardPage(cards.Select(c => Summarize(c, today)).ToList(), total);
    }

    public async Task<Result<GiftCardRedemption>> RedeemAsync(
        string? number, long amountMinor, int? shopId, string? staffId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await GiftCardLedger.DebitAsync(db, number, amountMinor, new GiftCardActor(staffId, shopId), null, clock.GetUtcNow(), cancellationToken);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The tenant's currency, in which amounts are typed.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == db.CurrentTenantId).Select(t => t.Currency).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    private static GiftCardSummary Summarize(GiftCard c, DateOnly today) => new(
        c.Id, c.Number, c.Kind, c.RecipientName, c.BalanceMinor, c.Currency, c.ExpiresOn,
        c.ExpiresOn is { } e && today > e ? GiftCardStatus.Expired : c.BalanceMinor == 0 ? GiftCardStatus.UsedUp : GiftCardStatus.Active);

    /// <summary>Checks the input and makes the unsaved card; every message at once.</summary>
    private static (GiftCard? Card, Result? Invalid) Build(GiftCardInput input, string currency, string country, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>((Result.Validate(input)?.Errors ?? new Dictionary<string, string[]>()).ToDictionary());
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        string? number = null;
        if (input.Kind == GiftCardKind.Physical && !GiftCardNumbers.TryNormalize(input.Number, out number, out var numberError))
        {
            Add(nameof(GiftCardInput.Number), numberError);
        }

        if (Money.TryParseMinor(input.Amount, out var amount, out _) && amount > MaxSaleMinor)
        {
            Add(nameof(GiftCardInput.Amount), $"A gift card is at most {Money.Format(MaxSaleMinor, currency)}.");
        }

        if (input.Kind == GiftCardKind.Virtual && input.RecipientEmail is null)
        {
            Add(nameof(GiftCardInput.RecipientEmail), "Enter the recipient's email: a virtual card is sent to it.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.RecipientPhone) && !PhoneNumbers.TryNormalize(input.RecipientPhone, country, out phone, out var phoneError))
        {
            Add(nameof(GiftCardInput.RecipientPhone), phoneError);
        }

        if (input.ExpiresOn is { } expires && expires < today)
        {
            Add(nameof(GiftCardInput.ExpiresOn), "The expiry date cannot be in the past.");
        }

        if (errors.Count > 0)
        {
            return (null, Result.Fail(errors));
        }

        return (new GiftCard
        {
            Number = number ?? "",
            Kind = input.Kind,
            InitialAmountMinor = amount,
            BalanceMinor = amount,
            Currency = currency,
            BuyerCustomerId = input.BuyerCustomerId,
            RecipientName = Trimmed(input.RecipientName),
            RecipientEmail = input.RecipientEmail?.ToLowerInvariant(),
            RecipientPhone = phone,
            Message = Trimmed(input.Message),
            ExpiresOn = input.ExpiresOn,
        }, null);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<string> FreeNumberAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // 10^11 numbers per tenant: a collision is rare, and the unique index catches the race.
        while (true)
        {
            var number = GiftCardNumbers.Generate();
            if (!await db.Set<GiftCard>().AnyAsync(c => c.Number == number, cancellationToken))
            {
                return number;
            }
        }
    }

    private async Task<bool> NumberTakenAsync(string number, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<GiftCard>().AnyAsync(c => c.Number == number, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The email of virtual gift card {GiftCardId} could not be sent; the card is sold.")]
    private static partial void LogMailFailed(ILogger logger, Exception exception, int giftCardId);
}

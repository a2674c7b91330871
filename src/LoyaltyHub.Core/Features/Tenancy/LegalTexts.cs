using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Tenancy;

/// <summary>The current merchant's legal notice: the manager edits it, customers read it on their portal.</summary>
public sealed class LegalTexts(IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant)
{
    /// <summary>Room for terms and a privacy notice; long enough for real ones, short enough for one page.</summary>
    public const int MaxLength = 20_000;

    public async Task<string?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.Where(t => t.Id == tenant.TenantId).Select(t => t.LegalText).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Saves the text as typed (blank clears it); it is plain text, so nothing needs escaping here.</summary>
    public async Task<Result> SaveAsync(string? text, CancellationToken cancellationToken = default)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
        if (value?.Length > MaxLength)
        {
            return Result.Fail("LegalText", $"The legal text is at most {MaxLength:N0} characters.");
        }

        var id = tenant.TenantId ?? throw new TenantIsolationException("The legal text belongs to a tenant.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merchant = await db.Tenants.SingleAsync(t => t.Id == id, cancellationToken);
        merchant.LegalText = value;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}

using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>A manager invited by another manager of the same merchant.</summary>
public sealed class ManagerInvite
{
    [Required(ErrorMessage = "Enter the manager's name.")]
    [StringLength(200, ErrorMessage = "The name is at most 200 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the manager's email: the activation link is sent there.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254)]
    public string Email { get; set; } = "";
}

public sealed record TeamMember(string Name, string Email, bool Activated, bool TwoFactor);

/// <summary>The managers of the current merchant (SPEC §1: a manager may create more managers).</summary>
public sealed class TeamService(IDbContextFactory<AppDbContext> dbFactory, ITenantContext tenant, TenantScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamMember>> ListManagersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managerRole = db.Roles.Where(r => r.Name == Roles.Manager).Select(r => r.Id);
        return await db.Users
            .Where(u => u.TenantId == tenant.TenantId && db.UserRoles.Any(ur => ur.UserId == u.Id && managerRole.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new TeamMember(u.DisplayName, u.Email!, u.EmailConfirmed, u.TwoFactorEnabled))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates the manager's login and emails the activation link after the commit.</summary>
    public async Task<Result> InviteManagerAsync(ManagerInvite input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return invalid;
        }

        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("Managers are invited from inside a tenant.");
        await using var scope = scopes.CreateScope(tenantId);
        var invitations = scope.ServiceProvider.GetRequiredService<LoginInvitations>();
        var manager = new AppUser
        {
            UserName = LoginNames.ForBackOffice(input.Email),
            Email = input.Email.Trim(),
            TenantId = tenantId,
            DisplayName = input.Name.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await invitations.CreateAsync(manager, Roles.Manager);
        if (!created.Succeeded)
        {
            return Result.Fail(nameof(ManagerInvite.Email), created.Errors.Values.SelectMany(e => e).First());
        }

        await invitations.SendActivationAsync(manager, "manager login");
        return Result.Ok();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using LoyaltyHub.Core.Features.Integration;
using LoyaltyHub.Core.Features.Tenancy;
using LoyaltyHub.Core.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Identity;

/// <summary>The merchant sign-up form.</summary>
public sealed class SignUpInput
{
    [Required(ErrorMessage = "Enter your company's name.")]
    [StringLength(200, ErrorMessage = "The company name is at most 200 characters.")]
    public string Company { get; set; } = "";

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(200, ErrorMessage = "Your name is at most 200 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(254)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";

    [RegularExpression(@"^\+?[0-9 ().\-]{6,32}$", ErrorMessage = "Enter a phone number such as +33 1 23 45 67 89.")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Choose your country.")]
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "Choose your country.")]
    public string Country { get; set; } = "FR";

    [Required]
    [AllowedValues("en", "fr", "it", "ru", ErrorMessage = "Choose English, French, Italian or Russian.")]
    public string Language { get; set; } = "en";
}

/// <summary>
/// Signs a merchant up: one transaction creates the tenant, its first manager and its API
/// credentials. The caller then sends the confirmation email; the manager signs in once the
/// address is confirmed.
/// </summary>
public sealed class MerchantSignUp(TenantScopeFactory scopes, TimeProvider clock)
{
    public async Task<Result<AppUser>> SignUpAsync(SignUpInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Result.Validate(input) is { } invalid)
        {
            return Result<AppUser>.From(invalid);
        }

        var tenant = new Tenant
        {
            Name = input.Company.Trim(),
            Slug = "",
            Country = input.Country,
            Language = input.Language,
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var scope = scopes.CreateScope(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var manager = new AppUser
        {
            UserName = LoginNames.ForBackOffice(input.Email),
            Email = input.Email.Trim(),
            TenantId = tenant.Id,
            DisplayName = input.Name.Trim(),
            Language = input.Language,
            PhoneNumber = tenant.Phone,
            CreatedAt = tenant.CreatedAt,
            LockoutEnabled = true,
        };

        var credential = scope.ServiceProvider.GetRequiredService<ApiCredentialService>().Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        tenant.Slug = await UniqueSlugAsync(db, tenant.Name, cancellationToken);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);

        var created = await users.CreateAsync(manager, input.Password);
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                ? nameof(SignUpInput.Password) : nameof(SignUpInput.Email);
            return Result<AppUser>.From(LoginInvitations.ToResult(created, field));
        }

        await users.AddToRoleAsync(manager, Roles.Manager);
        db.ApiCredentials.Add(credential);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<AppUser>.Ok(manager);
    }

    /// <summary>"Café Rosé &amp; Co" → "cafe-rose-co", with -2, -3… when taken.</summary>
    internal static async Task<string> UniqueSlugAsync(AppDbContext db, string name, CancellationToken cancellationToken)
    {
        var root = Slugify(name);
        var slug = root;
        for (var n = 2; await db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken); n++)
        {
            slug = $"{root}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return slug;
    }

    internal static string Slugify(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }

        return slug.Length == 0 ? "shop" : slug;
    }
}

using System.ComponentModel.DataAnnotations;
using static LoyaltyHub.Core.Common.TextValues;

namespace LoyaltyHub.Core.Features.Shops;

/// <summary>What a manager types to create or edit a shop; validated by the form and the service.</summary>
public sealed class ShopInput
{
    internal const int NameMax = 120, AddressMax = 300, PhoneMax = 32, EmailMax = 254, OpeningHoursMax = 500;

    [Required(ErrorMessage = "Give the shop a name.")]
    [StringLength(NameMax, ErrorMessage = "The name is at most 120 characters.")]
    public string Name { get; set; } = "";

    [StringLength(AddressMax, ErrorMessage = "The address is at most 300 characters.")]
    public string? Address { get; set; }

    [RegularExpression(@"^\+?[0-9 ().\-]{6,32}$", ErrorMessage = "Enter a phone number such as +33 1 23 45 67 89.")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Enter the shop's email: its staff login is sent there.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(EmailMax, ErrorMessage = "The email is at most 254 characters.")]
    public string Email { get; set; } = "";

    [StringLength(OpeningHoursMax, ErrorMessage = "Opening hours are at most 500 characters.")]
    public string? OpeningHours { get; set; }

    public static ShopInput From(Shop shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return new() { Name = shop.Name, Address = shop.Address, Phone = shop.Phone, Email = shop.Email, OpeningHours = shop.OpeningHours };
    }

    internal void ApplyTo(Shop shop)
    {
        shop.Name = Name.Trim();
        shop.Address = TrimOrNull(Address);
        shop.Phone = TrimOrNull(Phone);
        shop.Email = Email.Trim();
        shop.OpeningHours = TrimOrNull(OpeningHours);
    }

}

/// <summary>A row of the shop list, with the state of the shop's staff login.</summary>
public sealed record ShopSummary(int Id, string Name, string? Address, string? Phone, string Email,
    string? StaffLogin, bool StaffActivated);

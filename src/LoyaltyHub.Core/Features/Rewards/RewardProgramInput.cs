using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Features.Rewards;

/// <summary>What a manager sets for a reward program (SPEC §4).</summary>
public sealed class RewardProgramInput : IValidatableObject
{
    internal const int TitleMax = 100, GiftNameMax = 200;

    [Required(ErrorMessage = "Give the program a title.")]
    [StringLength(TitleMax, ErrorMessage = "The title is at most 100 characters.")]
    public string Title { get; set; } = "";

    public RewardType Type { get; set; }

    /// <summary>Discount or cashback percent.</summary>
    public int Percent { get; set; } = 10;

    [StringLength(GiftNameMax, ErrorMessage = "The gift's name is at most 200 characters.")]
    public string? GiftName { get; set; }

    public RewardTrigger Trigger { get; set; }

    /// <summary>Points for a points program; n for "every n-th visit"; unused for a welcome gift.</summary>
    public int Cost { get; set; } = 100;

    public bool ProOnly { get; set; }

    public bool Active { get; set; } = true;

    public List<int> ExcludedShopIds { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Type != RewardType.Gift && Percent is < 1 or > 100)
        {
            yield return new("The percent is a whole number from 1 to 100.", [nameof(Percent)]);
        }

        if (Type == RewardType.Gift && string.IsNullOrWhiteSpace(GiftName))
        {
            yield return new("Name the gift the customer receives.", [nameof(GiftName)]);
        }

        if (Trigger == RewardTrigger.Points && Cost is < 1 or > 1_000_000)
        {
            yield return new("The cost is a whole number of points from 1 to 1,000,000.", [nameof(Cost)]);
        }

        if (Trigger == RewardTrigger.PerVisit && Cost is < 1 or > 1000)
        {
            yield return new("Every n-th visit: n is a whole number from 1 to 1000.", [nameof(Cost)]);
        }
    }

    public static RewardProgramInput From(RewardProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new()
        {
            Title = program.Title, Type = program.Type, Percent = program.Percent, GiftName = program.GiftName, Trigger = program.Trigger,
            Cost = program.Cost, ProOnly = program.ProOnly, Active = program.Active, ExcludedShopIds = [.. program.ExcludedShopIds],
        };
    }

    internal void ApplyTo(RewardProgram program)
    {
        program.Title = Title.Trim();
        program.Type = Type;
        program.Percent = Type == RewardType.Gift ? 0 : Percent;
        program.GiftName = Type == RewardType.Gift ? GiftName?.Trim() : null;
        program.Trigger = Trigger;
        program.Cost = Trigger == RewardTrigger.WelcomeGift ? 0 : Cost;
        program.ProOnly = ProOnly;
        program.Active = Active;
        program.ExcludedShopIds = ExcludedShopIds.Distinct().Order().ToList();
    }
}

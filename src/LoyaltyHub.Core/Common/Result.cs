using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Common;

/// <summary>
/// Outcome of a command: success, or messages keyed by the input field they concern ("" for the
/// whole form). Services return it for anything a person can get wrong; exceptions are for bugs.
/// </summary>
public class Result
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    protected Result(IReadOnlyDictionary<string, string[]> errors) => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static Result Ok() => new(NoErrors);

    public static Result Fail(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    public static Result Fail(IReadOnlyDictionary<string, string[]> errors) => new(errors);

    public static Result NotFound(string what) => Fail("", $"{what} was not found.");

    /// <summary>Checks the DataAnnotations of <paramref name="input"/>; null when it is valid.</summary>
    public static Result? Validate(object input)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            return null;
        }

        return Fail(results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid value.").ToArray()));
    }
}

/// <summary>A <see cref="Result"/> that carries a value on success.</summary>
public sealed class Result<T> : Result
{
    private Result(T? value, IReadOnlyDictionary<string, string[]> errors) : base(errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(value, new Dictionary<string, string[]>());

    public static new Result<T> Fail(string field, string message) =>
        new(default, new Dictionary<string, string[]> { [field] = [message] });

    public static Result<T> From(Result failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, failure.Errors);
    }
}

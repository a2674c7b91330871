using System.ComponentModel.DataAnnotations;

namespace LoyaltyHub.Core.Common;

/// <summary>
/// Outcome of a command: success, or messages keyed by the input field they concern ("" for the
/// whole form). Services return it for anything a person can get wrong; exceptions are for bugs.
/// </summary>
public class Result
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    protected Result(IReadOnlyDictionary<string, string[]> errors, FailureKind kind)
    {
        Errors = errors;
        Kind = errors.Count == 0 ? FailureKind.None : kind;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>What kind of failure this is, for callers that answer with a status (the API: 400, 404, 409).</summary>
    public FailureKind Kind { get; }

    public static Result Ok() => new(NoErrors, FailureKind.None);

    public static Result Fail(string field, string message) => new(One(field, message), FailureKind.Invalid);

    public static Result Fail(IReadOnlyDictionary<string, string[]> errors) => new(errors, FailureKind.Invalid);

    public static Result NotFound(string what) => new(One("", $"{what} was not found."), FailureKind.NotFound);

    /// <summary>The request clashes with what exists (e.g. a number already taken).</summary>
    public static Result Conflict(string field, string message) => new(One(field, message), FailureKind.Conflict);

    protected static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

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
    private Result(T? value, IReadOnlyDictionary<string, string[]> errors, FailureKind kind) : base(errors, kind) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(value, new Dictionary<string, string[]>(), FailureKind.None);

    public static new Result<T> Fail(string field, string message) => new(default, One(field, message), FailureKind.Invalid);

    public static Result<T> From(Result failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, failure.Errors, failure.Kind);
    }
}

public enum FailureKind
{
    None = 0,

    /// <summary>The input breaks a rule; the messages say which field and why.</summary>
    Invalid = 1,

    NotFound = 2,

    Conflict = 3,
}

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// What one search box text can mean — a card number, a phone, an email or the start of a name —
/// as predicates in the counter's order of precedence. Each predicate is an exact match or a
/// prefix on an indexed column, so every look-up stays one index range at a million customers.
/// </summary>
internal sealed class LookupKeys
{
    private LookupKeys(IReadOnlyList<Expression<Func<Customer, bool>>> predicates) => Predicates = predicates;

    /// <summary>Card number, then phone, then email, then name: the first that finds someone wins at the counter.</summary>
    public IReadOnlyList<Expression<Func<Customer, bool>>> Predicates { get; }

    public static LookupKeys Parse(string? text, string? country)
    {
        var typed = (text ?? "").Trim();
        var predicates = new List<Expression<Func<Customer, bool>>>();
        if (typed.Length == 0)
        {
            return new(predicates);
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            var email = typed.ToLowerInvariant();
            predicates.Add(c => c.Email == email);
            return new(predicates);
        }

        // Any run of digits may be a card (pre-printed ones included); an invalid check digit simply matches nothing.
        var compact = CardNumbers.Compact(typed);
        if (compact.Length is >= CardNumbers.MinLength and <= CardNumbers.MaxLength && compact.All(char.IsAsciiDigit))
        {
            predicates.Add(c => c.CardNumber == compact);
        }

        if (PhoneNumbers.TryNormalize(typed, country, out var phone, out _))
        {
            predicates.Add(c => c.Phone == phone);
        }

        if (typed.Any(char.IsLetter) && SearchKeys.Normalize(typed) is { Length: > 0 } name)
        {
            // Typed first name first: "Alice Durand" finds "durand alice", "Zoé Lefèvre-Dupont" finds
            // "lefevre dupont zoe" and "Jean Pierre Dupont" finds "dupont jean pierre". Each is one index range.
            var words = name.Split(' ');
            var firstToEnd = $"{string.Join(' ', words[1..])} {words[0]}";
            var lastToFront = $"{words[^1]} {string.Join(' ', words[..^1])}";
            predicates.Add(words.Length == 1 ? c => c.SearchName.StartsWith(name)
                : words.Length == 2 ? c => c.SearchName.StartsWith(name) || c.SearchName.StartsWith(firstToEnd)
                : c => c.SearchName.StartsWith(name) || c.SearchName.StartsWith(firstToEnd) || c.SearchName.StartsWith(lastToFront));
        }

        return new(predicates);
    }

    /// <summary>Any of the meanings, for the manager's list (one query, OR of index ranges).</summary>
    public Expression<Func<Customer, bool>> Any()
    {
        if (Predicates.Count == 0)
        {
            return c => false;
        }

        var parameter = Predicates[0].Parameters[0];
        var body = Predicates.Skip(1).Aggregate(Predicates[0].Body, (combined, next) =>
            Expression.OrElse(combined, ReplacingExpressionVisitor.Replace(next.Parameters[0], parameter, next.Body)));
        return Expression.Lambda<Func<Customer, bool>>(body, parameter);
    }
}

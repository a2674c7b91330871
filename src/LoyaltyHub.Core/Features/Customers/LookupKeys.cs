using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace LoyaltyHub.Core.Features.Customers;

/// <summary>
/// What one search box text can mean — a card number, a phone, an email or the start of a name —
/// in the counter's order of precedence. Each meaning is one or more seeks, and each seek is an
/// exact match or a prefix range on one (TenantId, column) index, ordered by that column: the
/// index that finds the rows also delivers them in order, so a LIMIT stops the scan early and
/// neither database is tempted to walk another index to avoid a sort (SQLite does exactly that
/// without statistics). A name prefix is a range (<c>&gt;= 'dura' AND &lt; 'durb'</c>), not a LIKE:
/// a range uses the index under any collation and in PostgreSQL's generic plans too.
/// </summary>
internal sealed class LookupKeys
{
    private LookupKeys(IReadOnlyList<LookupMeaning> meanings) => Meanings = meanings;

    /// <summary>Card number, then phone, then email, then name: the first that finds someone wins at the counter.</summary>
    public IReadOnlyList<LookupMeaning> Meanings { get; }

    public static LookupKeys Parse(string? text, string? country)
    {
        var typed = (text ?? "").Trim();
        var meanings = new List<LookupMeaning>();
        if (typed.Length == 0)
        {
            return new(meanings);
        }

        if (typed.Contains('@', StringComparison.Ordinal))
        {
            var email = typed.ToLowerInvariant();
            meanings.Add(new([new(c => c.Email == email, c => c.Email)]));
            return new(meanings);
        }

        // Any run of digits may be a card (pre-printed ones included); an invalid check digit simply matches nothing.
        var compact = CardNumbers.Compact(typed);
        if (compact.Length is >= CardNumbers.MinLength and <= CardNumbers.MaxLength && compact.All(char.IsAsciiDigit))
        {
            meanings.Add(new([new(c => c.CardNumber == compact, c => c.CardNumber)]));
        }

        if (PhoneNumbers.TryNormalize(typed, country, out var phone, out _))
        {
            meanings.Add(new([new(c => c.Phone == phone, c => c.Phone)]));
        }

        if (typed.Any(char.IsLetter) && SearchKeys.Normalize(typed) is { Length: > 0 } name)
        {
            // Typed first name first: "Alice Durand" finds "durand alice", "Zoé Lefèvre-Dupont" finds
            // "lefevre dupont zoe" and "Jean Pierre Dupont" finds "dupont jean pierre". Each is one index range.
            var words = name.Split(' ');
            var prefixes = new[]
            {
                name,
                $"{string.Join(' ', words[1..])} {words[0]}",
                $"{words[^1]} {string.Join(' ', words[..^1])}",
            };
            meanings.Add(new([.. prefixes.Take(words.Length).Distinct(StringComparer.Ordinal).Select(NamePrefix)]));
        }

        return new(meanings);
    }

    /// <summary>
    /// Any of the meanings, for the manager's list: an OR of index seeks, or with
    /// <paramref name="asFilter"/> the same test in a form no index serves (see <see cref="LookupSeek.Filter"/>).
    /// </summary>
    public Expression<Func<Customer, bool>> Any(bool asFilter = false)
    {
        var predicates = Meanings.SelectMany(m => m.Seeks).Select(s => asFilter ? s.Filter : s.Where).ToList();
        if (predicates.Count == 0)
        {
            return c => false;
        }

        var parameter = predicates[0].Parameters[0];
        var body = predicates.Skip(1).Aggregate(predicates[0].Body, (combined, next) =>
            Expression.OrElse(combined, ReplacingExpressionVisitor.Replace(next.Parameters[0], parameter, next.Body)));
        return Expression.Lambda<Func<Customer, bool>>(body, parameter);
    }

    /// <summary>
    /// Names starting with <paramref name="prefix"/>: from the prefix up to (excluding) the prefix
    /// with its last character incremented. Both databases compare the normalised key in code point
    /// order (SQLite NOCASE on lower-case text, PostgreSQL's "C" collation), where that range holds
    /// exactly the names with this prefix.
    /// </summary>
    private static LookupSeek NamePrefix(string prefix)
    {
        var upper = UpperBound(prefix);
        return new(c => c.SearchName.CompareTo(prefix) >= 0 && c.SearchName.CompareTo(upper) < 0, c => c.SearchName)
        {
            Filter = c => c.SearchName.Substring(0, prefix.Length) == prefix,
        };
    }

    /// <summary>
    /// "dura" → "durb". A normalised key ends with a letter or digit of the Basic Multilingual Plane
    /// (<see cref="SearchKeys.Normalize"/> keeps no surrogate halves), so the next char always exists.
    /// </summary>
    internal static string UpperBound(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}

/// <summary>One thing the text may be: one seek, or one per word order for a name.</summary>
internal sealed record LookupMeaning(IReadOnlyList<LookupSeek> Seeks);

/// <summary>One index seek: the rows it matches and the indexed column they come out ordered by (then the id).</summary>
internal sealed record LookupSeek(Expression<Func<Customer, bool>> Where, Expression<Func<Customer, string?>> OrderBy)
{
    /// <summary>
    /// The same test as <see cref="Where"/> in a form no index can serve (a name prefix as
    /// <c>substr(SearchName, 1, n) = prefix</c>). When thousands of customers match, the manager's
    /// list is faster read along the index of its sort order, filtering as it goes, than found by
    /// this seek and sorted; an OR with one such term keeps both planners on that path.
    /// </summary>
    public Expression<Func<Customer, bool>> Filter { get; init; } = Where;
}

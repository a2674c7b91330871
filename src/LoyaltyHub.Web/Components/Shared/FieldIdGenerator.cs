using System.Linq.Expressions;

namespace LoyaltyHub.Web.Components.Shared;

/// <summary>"() => Input.Email" → "Input.Email", the id the forms give their inputs.</summary>
internal static class FieldIdGenerator
{
    public static string Id<T>(Expression<Func<T>> accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var parts = new Stack<string>();
        for (var node = accessor.Body as MemberExpression; node is not null; node = node.Expression as MemberExpression)
        {
            parts.Push(node.Member.Name);
        }

        return string.Join('.', parts);
    }
}

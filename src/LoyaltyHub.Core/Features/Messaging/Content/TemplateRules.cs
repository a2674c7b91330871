namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>What makes a template unusable for its event, in words for the person editing it.</summary>
public static class TemplateRules
{
    public const string UnclosedMessage = "A \"{{\" is not closed: write variables as {{first_name}}.";

    /// <summary>Each problem of <paramref name="template"/> for <paramref name="messageEvent"/>; empty when it can be saved.</summary>
    public static IReadOnlyList<string> Problems(ParsedTemplate template, MessageEventInfo messageEvent)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(messageEvent);
        var problems = new List<string>();
        if (template.UnknownTokens.Count > 0)
        {
            problems.Add($"Unknown variable{Plural(template.UnknownTokens)}: {string.Join(", ", template.UnknownTokens)}. "
                + "Use the variables listed for this message.");
        }

        var notAllowed = template.Parts.Where(p => p.Variable is { } name && !messageEvent.Allows(name))
            .Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList();
        if (notAllowed.Count > 0)
        {
            problems.Add($"Not available in \"{messageEvent.Title}\": {string.Join(", ", notAllowed)}.");
        }

        if (template.HasUnclosedBraces)
        {
            problems.Add(UnclosedMessage);
        }

        return problems;
    }

    private static string Plural<T>(IReadOnlyCollection<T> items) => items.Count > 1 ? "s" : "";
}

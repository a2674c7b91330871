using System.Text;
using System.Text.RegularExpressions;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>A piece of a template: literal text, or a variable (canonical name) with the spelling it was written in.</summary>
public sealed record TemplatePart(string Text, string? Variable);

/// <summary>A template cut into text and variables, with what could not be read.</summary>
public sealed record ParsedTemplate(IReadOnlyList<TemplatePart> Parts, IReadOnlyList<string> UnknownTokens, bool HasUnclosedBraces)
{
    /// <summary>The canonical variables it uses, each once, in order of first use.</summary>
    public IReadOnlyList<string> Variables { get; } = Parts.Where(p => p.Variable is not null).Select(p => p.Variable!).Distinct().ToList();

    /// <summary>The template with every alias rewritten as <c>{{name}}</c>: what is stored.</summary>
    public string ToCanonical() => string.Concat(Parts.Select(p => p.Variable is { } name ? TemplateVariables.Token(name) : p.Text));
}

/// <summary>
/// Reads templates. The only thing a template can do is name a variable: there are no
/// expressions, no member access and no code, so a template reaches nothing but the values it is
/// given. <c>{{…}}</c> always names a variable (unknown names are reported); the seeds' aliases
/// are recognised as they are listed; any other "#word#" is reported as unknown too, since that was
/// the seed syntax, while other colons stay text (times, ratios, "Note:").
/// </summary>
public static partial class TemplateParser
{
    public static ParsedTemplate Parse(string? template)
    {
        var text = template ?? "";
        var parts = new List<TemplatePart>();
        var unknown = new List<string>();
        var literal = new StringBuilder();
        var unclosed = false;
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "{{", 0, 2) == 0)
            {
                var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    unclosed = true;
                    literal.Append(text, i, text.Length - i);
                    break;
                }

                var token = text[i..(end + 2)];
                var name = text[(i + 2)..end].Trim().ToLowerInvariant();
                if (TemplateVariables.IsKnown(name))
                {
                    Flush(parts, literal);
                    parts.Add(new TemplatePart(token, name));
                }
                else
                {
                    unknown.Add(token);
                    literal.Append(token);
                }

                i = end + 2;
                continue;
            }

            if (text[i] is '#' or ':' && Alias(text, i) is { } alias)
            {
                Flush(parts, literal);
                parts.Add(new TemplatePart(text.Substring(i, alias.Length), TemplateVariables.Aliases[alias]));
                i += alias.Length;
                continue;
            }

            if (text[i] == '#' && HashWord().Match(text, i) is { Success: true } word)
            {
                unknown.Add(word.Value);
                literal.Append(word.Value);
                i += word.Length;
                continue;
            }

            literal.Append(text[i]);
            i++;
        }

        Flush(parts, literal);
        return new ParsedTemplate(parts, unknown.Distinct(StringComparer.Ordinal).ToList(), unclosed);
    }

    /// <summary>The longest alias that starts at <paramref name="index"/>.</summary>
    private static string? Alias(string text, int index) => TemplateVariables.Aliases.Keys
        .Where(a => a[0] == text[index] && index + a.Length <= text.Length
            && string.Compare(text, index, a, 0, a.Length, StringComparison.OrdinalIgnoreCase) == 0)
        .MaxBy(a => a.Length);

    private static void Flush(List<TemplatePart> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null));
            literal.Clear();
        }
    }

    [GeneratedRegex(@"\G#[A-Za-z_]+#")]
    private static partial Regex HashWord();
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>Where a rendered text goes, which decides how a value is written into it.</summary>
public enum TemplateOutput
{
    /// <summary>SMS and the email's plain-text part: values as they are.</summary>
    Text = 1,

    /// <summary>The email's HTML: values HTML-encoded, so a customer named "&lt;b&gt;" stays text.</summary>
    Html = 2,

    /// <summary>An email subject: one line, so a value can never add a header.</summary>
    HeaderLine = 3,
}

public sealed record RenderedEmail(string Subject, string Html, string Text);

/// <summary>Fills templates: literal text is kept as the merchant wrote it, each variable becomes its value or nothing.</summary>
public static partial class TemplateRenderer
{
    public static string Render(string? template, IReadOnlyDictionary<string, string> values, TemplateOutput output) =>
        Render(TemplateParser.Parse(template), values, output);

    public static string Render(ParsedTemplate template, IReadOnlyDictionary<string, string> values, TemplateOutput output)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            if (part.Variable is null)
            {
                text.Append(part.Text);
                continue;
            }

            var value = values.GetValueOrDefault(part.Variable, "");
            text.Append(output switch
            {
                TemplateOutput.Html => WebUtility.HtmlEncode(value),
                TemplateOutput.HeaderLine => LineBreaks().Replace(value, " "),
                _ => value,
            });
        }

        var rendered = text.ToString();
        return output == TemplateOutput.HeaderLine ? LineBreaks().Replace(rendered, " ").Trim() : rendered;
    }

    /// <summary>
    /// An email: subject, HTML body, and the plain-text part, from its own template when the
    /// merchant wrote one, otherwise derived from the rendered HTML.
    /// </summary>
    public static RenderedEmail RenderEmail(string subject, string htmlBody, string? textBody, IReadOnlyDictionary<string, string> values)
    {
        var html = Render(htmlBody, values, TemplateOutput.Html);
        var text = string.IsNullOrWhiteSpace(textBody) ? HtmlText.ToPlainText(html) : Render(textBody, values, TemplateOutput.Text);
        return new RenderedEmail(Render(subject, values, TemplateOutput.HeaderLine), html, text);
    }

    /// <summary>Line breaks and other control characters: never in a header.</summary>
    [GeneratedRegex(@"[\p{Cc}\u2028\u2029]+")]
    private static partial Regex LineBreaks();
}

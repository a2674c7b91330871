using System.Net;
using System.Text.RegularExpressions;

namespace LoyaltyHub.IntegrationTests.Infrastructure;

/// <summary>
/// Fills in the app's static server-rendered forms the way a browser without JavaScript does: GET
/// the page, keep the form's hidden inputs (the antiforgery token <c>__RequestVerificationToken</c>
/// and Blazor's <c>_handler</c>, which names the form), add the typed values, POST it back.
/// </summary>
public static partial class HtmlForms
{
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string HandlerField = "_handler";

    /// <summary>The hidden inputs of the form whose <c>_handler</c> is <paramref name="formName"/>.</summary>
    public static Dictionary<string, string> HiddenFields(string html, string formName) => Find(html, formName).Fields;

    /// <summary>
    /// The form whose <c>_handler</c> is <paramref name="formName"/>: where it posts, and its hidden
    /// inputs as a browser sends them (an input without a value attribute is sent as "").
    /// </summary>
    public static (string Action, Dictionary<string, string> Fields) Find(string html, string formName)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match form in FormPattern().Matches(html))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(form.Value))
            {
                var attributes = AttributePattern().Matches(input.Groups[1].Value)
                    .ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.OrdinalIgnoreCase);
                if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
                {
                    fields[name] = attributes.GetValueOrDefault("value") ?? "";
                }
            }

            if (fields.GetValueOrDefault(HandlerField) == formName)
            {
                Assert.True(fields.ContainsKey(AntiforgeryField), $"The form '{formName}' has no antiforgery token.");
                var action = ActionPattern().Match(form.Value);
                return (action.Success ? WebUtility.HtmlDecode(action.Groups[1].Value) : "", fields);
            }
        }

        throw new Xunit.Sdk.XunitException($"No form named '{formName}' in the page:\n{html}");
    }

    /// <summary>
    /// GETs <paramref name="url"/>, then posts its form <paramref name="formName"/> to the form's
    /// action with <paramref name="values"/> on top of the hidden inputs, as a browser does.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, string url, string formName, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(values);
        using var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)page.StatusCode}:\n{html}");
        var (action, fields) = Find(html, formName);
        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action.Length == 0 ? url : action, content);
    }

    /// <summary>The text of the <c>mb-3</c> block of the form field labelled for <paramref name="inputId"/>, decoded.</summary>
    public static string FieldBlock(string html, string inputId)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.IndexOf($"for=\"{inputId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No field labelled for {inputId} in the page.");
        var end = html.IndexOf("<div class=\"mb-3\"", start, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(end < 0 ? html[start..] : html[start..end]);
    }

    /// <summary>The messages of the validation-message elements in <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<string> ValidationMessages(string fragment) =>
        ValidationMessagePattern().Matches(fragment).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();

    [GeneratedRegex(@"<form\b.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"^<form\b[^>]*\baction=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"([\w.:-]+)\s*=\s*""([^""]*)""")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<div class=""[^""]*(?:validation-message|text-danger)[^""]*""[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex ValidationMessagePattern();
}

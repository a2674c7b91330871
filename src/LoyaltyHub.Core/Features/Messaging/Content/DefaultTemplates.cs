using System.Collections.Frozen;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>The wording of one message: subject and text part for email only (a null text part is derived from the HTML).</summary>
public sealed record TemplateContent(string? Subject, string Body, string? TextBody);

/// <summary>
/// The templates shipped in assets/templates/{language}/{event}.{sms|email}.txt, embedded in this
/// assembly: what a tenant gets until it writes its own. An email file starts with a
/// "Subject: …" line and a blank line; the rest is the HTML body.
/// </summary>
public static class DefaultTemplates
{
    private const string ResourcePrefix = "templates/";
    private const string SubjectHeader = "Subject:";

    private static readonly Lazy<FrozenDictionary<(MessageEvent, MessageChannel, string), TemplateContent>> Loaded = new(Load);

    public static IReadOnlyDictionary<(MessageEvent Event, MessageChannel Channel, string Language), TemplateContent> All => Loaded.Value;

    /// <summary>The default in <paramref name="language"/>, or in English for a language we do not ship.</summary>
    public static TemplateContent Get(MessageEvent messageEvent, MessageChannel channel, string? language) =>
        Loaded.Value[(messageEvent, channel, MessageLanguages.Normalize(language))];

    public static string FileName(MessageEvent messageEvent, MessageChannel channel) =>
        $"{MessageEvents.Get(messageEvent).Key}.{(channel == MessageChannel.Sms ? "sms" : "email")}.txt";

    /// <summary>Reads one file; a malformed shipped file is a bug, so it throws.</summary>
    public static TemplateContent Parse(string text, MessageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings("\n");
        if (channel == MessageChannel.Sms)
        {
            return new TemplateContent(null, text.Trim(), null);
        }

        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (!text.StartsWith(SubjectHeader, StringComparison.Ordinal) || blank < 0)
        {
            throw new FormatException("An email template starts with a \"Subject:\" line and a blank line.");
        }

        return new TemplateContent(text[SubjectHeader.Length..blank].Trim(), text[(blank + 2)..].Trim(), null);
    }

    private static FrozenDictionary<(MessageEvent, MessageChannel, string), TemplateContent> Load()
    {
        var assembly = typeof(DefaultTemplates).Assembly;
        var byFile = MessageEvents.All
            .SelectMany(e => e.Channels.Select(c => (e.Event, Channel: c)))
            .ToDictionary(x => FileName(x.Event, x.Channel));
        var templates = new Dictionary<(MessageEvent, MessageChannel, string), TemplateContent>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var path = name[ResourcePrefix.Length..].Replace('\\', '/').Split('/');
            if (path.Length != 2 || !MessageLanguages.All.Contains(path[0]) || !byFile.TryGetValue(path[1], out var target))
            {
                throw new InvalidOperationException($"assets/{name} is not {{language}}/{{event}}.{{sms|email}}.txt of a known event.");
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            templates[(target.Event, target.Channel, path[0])] = Parse(reader.ReadToEnd(), target.Channel);
        }

        return templates.ToFrozenDictionary();
    }
}

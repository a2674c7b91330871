using LoyaltyHub.Core.Features.Messaging;
using LoyaltyHub.Core.Features.Messaging.Content;

namespace LoyaltyHub.UnitTests.Features.Messaging;

/// <summary>The templates shipped in assets/templates: complete, embedded as they are on disk, and valid for their events.</summary>
public sealed class DefaultTemplatesTests
{
    public static TheoryData<MessageEvent, MessageChannel, string> Every()
    {
        var data = new TheoryData<MessageEvent, MessageChannel, string>();
        foreach (var e in MessageEvents.All)
        {
            foreach (var channel in e.Channels)
            {
                foreach (var language in MessageLanguages.All)
                {
                    data.Add(e.Event, channel, language);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_file_in_assets_is_a_default_and_is_embedded_as_written()
    {
        var root = Path.Combine(RepositoryRoot(), "assets", "templates");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);

        Assert.Equal(Every().Count, files.Length);
        Assert.Equal(files.Length, DefaultTemplates.All.Count);
        foreach (var file in files)
        {
            var language = Path.GetFileName(Path.GetDirectoryName(file))!;
            var match = DefaultTemplates.All.Keys.SingleOrDefault(k => k.Language == language && DefaultTemplates.FileName(k.Event, k.Channel) == Path.GetFileName(file));
            Assert.True(match != default, $"{file} is not a default template.");
            Assert.Equal(DefaultTemplates.Parse(File.ReadAllText(file), match.Channel), DefaultTemplates.All[match]);
        }
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_default_parses_and_uses_only_its_events_variables(MessageEvent messageEvent, MessageChannel channel, string language)
    {
        var info = MessageEvents.Get(messageEvent);
        var template = DefaultTemplates.Get(messageEvent, channel, language);

        Assert.False(string.IsNullOrWhiteSpace(template.Body));
        Assert.Equal(channel == MessageChannel.Email, !string.IsNullOrWhiteSpace(template.Subject));
        foreach (var text in new[] { template.Subject, template.Body, template.TextBody }.OfType<string>())
        {
            var parsed = TemplateParser.Parse(text);
            Assert.Empty(TemplateRules.Problems(parsed, info));
            Assert.Equal(text, parsed.ToCanonical()); // shipped in canonical spelling
        }

        Assert.Null(MessageTemplateService.Check(messageEvent, channel, MessageTemplateInput.From(template)));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Each_default_renders_with_sample_values_at_a_sensible_cost(MessageEvent messageEvent, MessageChannel channel, string language)
    {
        var data = TemplateData.Sample("EUR", new DateOnly(2026, 6, 1));

        var message = MessageComposer.Render(DefaultTemplates.Get(messageEvent, channel, language), channel, language, data, "STOP au 36xxx");

        Assert.DoesNotContain("{{", message.Body, StringComparison.Ordinal);
        if (channel == MessageChannel.Sms)
        {
            var measure = SmsLength.Measure(message.Body);
            // Latin-script texts are written within GSM-7 (no ç, ê or typographic quotes), so they cost 7-bit parts.
            Assert.True(language == "ru" || measure.Encoding == SmsEncoding.Gsm7,
                $"{language}/{messageEvent}: {string.Join(' ', measure.Ucs2Characters.Select(c => c.Text))}");
            Assert.InRange(measure.Segments, 1, 2);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(message.Subject));
            Assert.False(string.IsNullOrWhiteSpace(message.TextBody));
            Assert.Equal(MessageEvents.Get(messageEvent).Kind == MessageKind.Promotional,
                message.Body.Contains(data.UnsubscribeUrl!, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_gift_card_without_a_message_reads_as_the_same_card_with_the_message_left_out(string language)
    {
        var with = TemplateData.Sample("EUR", new DateOnly(2026, 6, 1)) with { GiftCardMessage = "Happy birthday!\nPaul" };
        var without = with with { GiftCardMessage = null };
        RenderedMessage Render(MessageChannel channel, TemplateData data) =>
            MessageComposer.Render(DefaultTemplates.Get(MessageEvent.GiftCardReceived, channel, language), channel, language, data, null);

        var sms = Render(MessageChannel.Sms, with).Body;
        Assert.EndsWith("\nHappy birthday!\nPaul", sms, StringComparison.Ordinal);
        Assert.Equal(sms[..^"\nHappy birthday!\nPaul".Length], Render(MessageChannel.Sms, without).Body);

        var email = Render(MessageChannel.Email, with);
        Assert.Contains(">Happy birthday!\nPaul</blockquote>", email.Body, StringComparison.Ordinal);
        Assert.Equal(email.TextBody!.Replace("\n\nHappy birthday! Paul\n\n", "\n\n", StringComparison.Ordinal), Render(MessageChannel.Email, without).TextBody);
    }

    public static TheoryData<string> Languages() => [.. MessageLanguages.All];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoyaltyHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LoyaltyHub.sln not found above the test's directory.");
    }
}

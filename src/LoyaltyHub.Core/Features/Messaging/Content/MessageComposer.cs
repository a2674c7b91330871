namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>A message ready for the outbox: subject and text part for email only.</summary>
public sealed record RenderedMessage(MessageChannel Channel, string? Subject, string Body, string? TextBody);

/// <summary>
/// Renders a template into the message that is sent: the one place where the preview, the test
/// send and the automatic messages fill variables and add the STOP mention, so what the editor
/// counts is what the credits pay for.
/// </summary>
public sealed class MessageComposer(MessageTemplateService templates, MessagingSettingsService settings)
{
    /// <summary>The current tenant's template for the event in the customer's language, filled with <paramref name="data"/>.</summary>
    public async Task<RenderedMessage> RenderAsync(
        MessageEvent messageEvent, MessageChannel channel, string? language, TemplateData data, CancellationToken cancellationToken = default)
    {
        var (content, _) = await templates.GetAsync(messageEvent, channel, MessageLanguages.Normalize(language), cancellationToken);
        var view = await settings.ViewAsync(cancellationToken);
        return Render(content, channel, language, data, view.StopMentionFor(MessageEvents.Get(messageEvent).Kind));
    }

    public static RenderedMessage Render(TemplateContent content, MessageChannel channel, string? language, TemplateData data, string? stopMention)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(data);
        var values = data.ToValues(language);
        if (channel == MessageChannel.Sms)
        {
            var text = TemplateRenderer.Render(content.Body, values, TemplateOutput.Text).Trim();
            return new RenderedMessage(channel, null, SmsLength.WithStopMention(text, stopMention), null);
        }

        var email = TemplateRenderer.RenderEmail(content.Subject ?? "", content.Body, content.TextBody, values);
        return new RenderedMessage(channel, email.Subject, email.Html, email.Text);
    }
}

using System.ComponentModel.DataAnnotations;
using LoyaltyHub.Core.Common;
using LoyaltyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyHub.Core.Features.Messaging.Content;

/// <summary>The template editor's form.</summary>
public sealed class MessageTemplateInput
{
    [StringLength(MessageTemplate.SubjectMax, ErrorMessage = "The subject is at most 200 characters.")]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Write the message.")]
    public string Body { get; set; } = "";

    /// <summary>Email only; empty derives the plain-text part from the HTML.</summary>
    public string? TextBody { get; set; }

    public static MessageTemplateInput From(TemplateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new() { Subject = content.Subject, Body = content.Body, TextBody = content.TextBody };
    }

    public TemplateContent ToContent() => new(Subject, Body, string.IsNullOrWhiteSpace(TextBody) ? null : TextBody);
}

/// <summary>One line of the template list.</summary>
public sealed record TemplateRow(MessageEventInfo Event, MessageChannel Channel, string Language, DateTimeOffset? CustomisedAt)
{
    public bool IsCustomised => CustomisedAt is not null;
}

/// <summary>
/// The current tenant's templates: its own where it wrote one, the shipped default otherwise.
/// Saving checks every variable against the event and stores the canonical spelling.
/// </summary>
public sealed class MessageTemplateService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MessagingSnapshots snapshots)
{
    /// <summary>Every event × channel × language, with when the tenant customised it.</summary>
    public async Task<IReadOnlyList<TemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var own = await db.Set<MessageTemplate>().AsNoTracking()
            .Select(t => new { t.Event, t.Channel, t.Language, t.UpdatedAt })
            .ToListAsync(cancellationToken);
        var customised = own.ToDictionary(t => (t.Event, t.Channel, t.Language), t => t.UpdatedAt);
        return [.. from e in MessageEvents.All
                   from channel in e.Channels
                   from language in MessageLanguages.All
                   select new TemplateRow(e, channel, language,
                       customised.TryGetValue((e.Event, channel, language), out var at) ? at : null)];
    }

    /// <summary>The tenant's template, else the default; <c>Customised</c> says which.</summary>
    public async Task<(TemplateContent Content, bool Customised)> GetAsync(
        MessageEvent messageEvent, MessageChannel channel, string language, CancellationToken cancellationToken = default)
    {
        language = MessageLanguages.Normalize(language);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var own = await Own(db, messageEvent, channel, language).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return own is null
            ? (DefaultTemplates.Get(messageEvent, channel, language), false)
            : (new TemplateContent(own.Subject, own.Body, own.TextBody), true);
    }

    /// <summary>Field errors of a template for its event, or null when it can be saved (the editor shows them as you type too).</summary>
    public static Result? Check(MessageEvent messageEvent, MessageChannel channel, MessageTemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var info = MessageEvents.Get(messageEvent);
        var errors = Result.Validate(input)?.Errors.ToDictionary() ?? new Dictionary<string, string[]>();
        if (!info.Channels.Contains(channel))
        {
            errors[""] = [$"\"{info.Title}\" is not sent by {channel}."];
        }

        var email = channel == MessageChannel.Email;
        if (email && string.IsNullOrWhiteSpace(input.Subject))
        {
            errors[nameof(input.Subject)] = ["Write the subject."];
        }

        var bodyMax = email ? MessageTemplate.EmailBodyMax : MessageTemplate.SmsBodyMax;
        if (input.Body.Length > bodyMax || (input.TextBody?.Length ?? 0) > bodyMax)
        {
            errors[input.Body.Length > bodyMax ? nameof(input.Body) : nameof(input.TextBody)] = [$"The message is at most {bodyMax} characters."];
        }

        foreach (var (field, text) in new[] { (nameof(input.Subject), email ? input.Subject : null), (nameof(input.Body), input.Body),
            (nameof(input.TextBody), email ? input.TextBody : null) })
        {
            if (text is not null && TemplateRules.Problems(TemplateParser.Parse(text), info) is { Count: > 0 } problems)
            {
                errors[field] = [.. errors.GetValueOrDefault(field, []), .. problems];
            }
        }

        return errors.Count > 0 ? Result.Fail(errors) : null;
    }

    public async Task<Result> SaveAsync(
        MessageEvent messageEvent, MessageChannel channel, string language, MessageTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MessageLanguages.All.Contains(language))
        {
            return Result.Fail("", "Choose English, French, Italian or Russian.");
        }

        if (Check(messageEvent, channel, input) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await Own(db, messageEvent, channel, language).FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            template = new MessageTemplate { Event = messageEvent, Channel = channel, Language = language, Body = "" };
            db.Add(template);
        }

        var email = channel == MessageChannel.Email;
        template.Subject = email ? TemplateParser.Parse(input.Subject).ToCanonical().Trim() : null;
        template.Body = TemplateParser.Parse(input.Body).ToCanonical();
        template.TextBody = email && !string.IsNullOrWhiteSpace(input.TextBody) ? TemplateParser.Parse(input.TextBody).ToCanonical() : null;
        template.UpdatedAt = clock.GetUtcNow();
        var result = await db.SaveSettingsAsync(cancellationToken);
        snapshots.Forget(db.CurrentTenantId);
        return result;
    }

    /// <summary>Deletes the tenant's own wording: the default applies again.</summary>
    public async Task ResetAsync(MessageEvent messageEvent, MessageChannel channel, string language, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await Own(db, messageEvent, channel, language).ExecuteDeleteAsync(cancellationToken);
        snapshots.Forget(db.CurrentTenantId);
    }

    private static IQueryable<MessageTemplate> Own(AppDbContext db, MessageEvent messageEvent, MessageChannel channel, string language) =>
        db.Set<MessageTemplate>().Where(t => t.Event == messageEvent && t.Channel == channel && t.Language == language);
}

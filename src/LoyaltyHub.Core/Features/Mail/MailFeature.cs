using LoyaltyHub.Core.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyHub.Core.Features.Mail;

public static class MailFeature
{
    /// <summary>SMTP when <c>Smtp:Host</c> is configured, the development outbox otherwise.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.Section);
        services.Configure<SmtpOptions>(section);
        if (section.Get<SmtpOptions>()?.IsConfigured == true)
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            services.AddScoped<IMailSender>(sp => sp.GetRequiredService<DevOutboxMailSender>());
        }

        // Also the store of the messaging engine's development email gateway.
        services.AddScoped<DevOutboxMailSender>();

        services.AddScoped<AccountMailer>();
        services.AddScoped<IEmailSender<AppUser>>(sp => sp.GetRequiredService<AccountMailer>());
        return services;
    }

    /// <summary>True when mail is kept in the development outbox rather than sent.</summary>
    public static bool UsesDevOutbox(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>()?.IsConfigured != true;
    }
}

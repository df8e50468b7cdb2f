using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Email;

/// <summary>The email sender, shared by <c>serve</c> and the commands that send mail (<c>events process</c>).</summary>
internal static class EmailServices
{
    /// <summary>SMTP through MailKit when <c>Email:Smtp:Host</c> is set; otherwise every message goes to the log.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        if (!string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"]))
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else
            services.AddSingleton<IEmailSender, LogEmailSender>();
        return services;
    }
}

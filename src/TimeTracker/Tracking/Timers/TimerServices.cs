using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Tracking.Timers;

/// <summary>Registers the timer policy and the forgotten-timer pass (the worker itself is added by <c>serve</c>).</summary>
internal static class TimerServices
{
    public static IServiceCollection AddTimerPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TimerOptions>(configuration.GetSection("Timers"));
        services.AddScoped<TimerPolicies>();
        services.AddSingleton<TimerReminderMail>();
        services.AddSingleton<ForgottenTimers>();
        return services;
    }
}

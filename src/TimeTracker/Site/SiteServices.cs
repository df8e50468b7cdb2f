using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Site;

/// <summary>Registers <see cref="SiteOptions"/>.</summary>
internal static class SiteServices
{
    /// <summary>
    /// Binds <see cref="SiteOptions"/> from <c>Accounts:PublicUrl</c> (the key before the setting was shared), then from
    /// the <c>Site</c> section, whose <c>Site:PublicUrl</c> wins when both are set.
    /// </summary>
    public static IServiceCollection AddSite(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<SiteOptions>(configuration.GetSection("Accounts"));
        services.Configure<SiteOptions>(configuration.GetSection("Site"));
        return services;
    }
}

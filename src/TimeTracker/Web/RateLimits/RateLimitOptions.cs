using Microsoft.Extensions.Configuration;
using TimeTracker.Hosting;

namespace TimeTracker.Web.RateLimits;

/// <summary>One limit: so many permits per fixed window, from <c>RateLimiting:{Name}:PermitLimit</c> and <c>…:Window</c>.</summary>
internal sealed record RateLimitOptions(int PermitLimit, TimeSpan Window)
{
    /// <summary>The limit of <c>RateLimiting:<paramref name="name"/></c>, with these defaults.</summary>
    /// <exception cref="ApiConfigurationException">A value is not positive.</exception>
    public static RateLimitOptions From(IConfiguration configuration, string name, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("RateLimiting:" + name);
        var options = new RateLimitOptions(section.GetValue("PermitLimit", permits), section.GetValue("Window", window));
        if (options.PermitLimit < 1 || options.Window <= TimeSpan.Zero)
            throw new ApiConfigurationException($"RateLimiting:{name}:PermitLimit must be at least 1 and RateLimiting:{name}:Window longer than " +
                "zero (e.g. 00:01:00).");
        return options;
    }

    /// <summary>The window in whole seconds, as the 429 problems say it.</summary>
    public string Seconds => Window.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}

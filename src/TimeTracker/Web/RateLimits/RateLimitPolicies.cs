using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts;
using TimeTracker.Web.Endpoints;

namespace TimeTracker.Web.RateLimits;

/// <summary>
/// The rate limits of the API. Per client address (<see cref="ClientInfo.KeyOf"/>: IPv4 as is, IPv6 by /64): the auth
/// endpoints share one limit, refresh has its own, higher one, so that sign-ins from one address cannot starve the
/// sessions behind it. Per email address, whatever the client: sign-in, password-reset request and verification
/// resend (<see cref="AccountRateLimiter"/>).
/// </summary>
internal static class RateLimitPolicies
{
    /// <summary>Adds the policies <see cref="AccountEndpoints"/> names, and the per-address <see cref="AccountRateLimiter"/>.</summary>
    /// <exception cref="Hosting.ApiConfigurationException">A limit is not positive.</exception>
    public static void AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = RateLimitOptions.From(configuration, "Auth", 30, TimeSpan.FromMinutes(1));
        var refresh = RateLimitOptions.From(configuration, "Refresh", 120, TimeSpan.FromMinutes(1));
        services.AddSingleton(new AccountRateLimiter(RateLimitOptions.From(configuration, "Account", 10, TimeSpan.FromMinutes(15))));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AccountEndpoints.RateLimitPolicy, context => PerAddress(context, auth));
            options.AddPolicy(AccountEndpoints.RefreshRateLimitPolicy, context => PerAddress(context, refresh));
            options.OnRejected = (context, _) => new ValueTask(TooManyRequests.WriteAsync(context.HttpContext, context.Lease,
                context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
                    == AccountEndpoints.RefreshRateLimitPolicy
                    ? $"This address sent more than {refresh.PermitLimit} token refreshes within {refresh.Seconds} seconds. Wait and try again."
                    : $"This address sent more than {auth.PermitLimit} requests to the sign-in endpoints within {auth.Seconds} seconds. Wait and " +
                        "try again."));
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitOptions limit) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientInfo.KeyOf(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 });
}

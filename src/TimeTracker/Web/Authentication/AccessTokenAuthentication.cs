using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Tokens;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// How a request proves its user: a bearer access token (<see cref="AccessTokenIssuer"/>), checked for its
/// signature, issuer, audience and expiry against the application's clock, and then for its security stamp.
/// </summary>
internal static class AccessTokenAuthentication
{
    /// <summary>
    /// Adds JwtBearer authentication of the access tokens <paramref name="jwt"/> describes, personal API tokens beside them
    /// (<see cref="ApiTokenAuthentication"/>), and authorization.
    /// </summary>
    public static void AddAccessTokenAuthentication(this IServiceCollection services, JwtOptions jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        services.AddAuthentication(ApiTokenAuthentication.SelectorScheme).AddApiTokens().AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = AccessTokenIssuer.SigningKey(jwt),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = jwt.ClockSkew,
                NameClaimType = "sub",
            };
            // A signature and an expiry are not enough: the sessions of the token's user may have ended since it was issued.
            options.Events = new JwtBearerEvents { OnTokenValidated = OnTokenValidatedAsync };
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((options, time) =>
            // Expiry is checked against the application's clock (tests move it), with the configured skew.
            options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
                    && expires is not null && expires.Value > now - parameters.ClockSkew;
            });
        services.AddAuthorization(ApiTokenAuthentication.RequireTokenScopes);
    }

    // Fails a token whose stamp is missing or no longer the user's, or whose account is disabled or deleted (SecurityStamps).
    private static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var current = long.TryParse(principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, NumberStyles.None, CultureInfo.InvariantCulture,
            out var userId)
            && int.TryParse(principal?.FindFirst(SecurityStamps.ClaimType)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            && await context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>().IsCurrentAsync(userId, stamp,
                context.HttpContext.RequestAborted);
        if (!current)
            context.Fail("The access token was issued before the account's sessions were ended, or its account is disabled.");
    }
}

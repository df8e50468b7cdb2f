using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// Personal API tokens beside the access tokens: a policy scheme reads the bearer credential and hands a
/// <c>tt_pat_…</c> secret to <see cref="ApiTokenHandler"/>, anything else to JwtBearer, which works as before. Every route
/// that requires a user then also requires, of a token, that the route takes tokens (<see cref="ApiTokenScope"/>), in the
/// token's organization, with a scope that covers the route's (<see cref="ApiTokenScopeHandler"/>).
/// </summary>
internal static class ApiTokenAuthentication
{
    /// <summary>The scheme of personal API tokens.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: picks <see cref="Scheme"/> or JwtBearer by the credential.</summary>
    public const string SelectorScheme = "BearerOrApiToken";

    /// <summary>Adds the token scheme and the selector in front of JwtBearer.</summary>
    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IAuthorizationHandler, ApiTokenScopeHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiTokenRefusals>();
        return builder
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, null)
            .AddPolicyScheme(SelectorScheme, null, options => options.ForwardDefaultSelector = context =>
                Credential(context.Request) is { } credential && ApiTokenStore.IsToken(credential) ? Scheme : JwtBearerDefaults.AuthenticationScheme);
    }

    /// <summary>The default policy (what <c>RequireAuthorization()</c> asks): a user, and of a token, a route within its reach.</summary>
    public static void RequireTokenScopes(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(ApiTokenScopeRequirement.Instance)
            .Build();
    }

    /// <summary>The bearer credential of <paramref name="request"/>, or null.</summary>
    public static string? Credential(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// Decides <see cref="ApiTokenScopeRequirement"/>: a signed-in session passes; a token passes only on a route that declares
/// an <see cref="ApiTokenScope"/>, in the token's organization, with a scope that covers the route's. The scope is the
/// token's as narrowed to its owner's role at authentication, this very request.
/// </summary>
internal sealed class ApiTokenScopeHandler(ILogger<ApiTokenScopeHandler> logger) : AuthorizationHandler<ApiTokenScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiTokenScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ApiTokenClaims.Use(context.User) is not { } token)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var http = context.Resource as HttpContext;
        var needed = http?.GetEndpoint()?.Metadata.GetMetadata<ApiTokenScope>();
        var organization = needed is null
            ? null
            : Convert.ToString(http!.Request.RouteValues[needed.OrganizationRouteValue], CultureInfo.InvariantCulture);
        var refusal = needed is null
            ? new ApiTokenRefusal(this, "Not for API tokens",
                "API tokens cannot call this route: it needs a signed-in session (sign in and send its access token).", null)
            : organization != token.OrganizationId.ToString(CultureInfo.InvariantCulture)
            ? new ApiTokenRefusal(this, "Another organization",
                $"This API token works in organization {token.OrganizationId} only; make a token for organization {organization} to call it.", null)
            : !ApiScope.Covers(token.Scope, needed.Scope)
            ? new ApiTokenRefusal(this, "Scope too narrow",
                $"This route needs an API token with the scope '{needed.Scope}'; this token has '{token.Scope}' " +
                "(its scope, within its owner's role).",
                needed.Scope)
            : null;
        if (refusal is null)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        Log.ApiTokenOutOfScope(logger, token.TokenId, http?.Request.Method ?? "", http?.Request.Path.Value ?? "", refusal.Message);
        context.Fail(refusal);
        return Task.CompletedTask;
    }
}

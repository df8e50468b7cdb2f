using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// Answers a token's refusal (<see cref="ApiTokenRefusal"/>) with a 403 problem that says why, and names the scope it lacks
/// in <c>requiredScope</c> and in <c>WWW-Authenticate: Bearer error="insufficient_scope"</c> (RFC 6750). Anything else
/// goes to the framework's handler, as before.
/// </summary>
internal sealed class ApiTokenRefusals : IAuthorizationMiddlewareResultHandler
{
    /// <summary>The problem extension that names the scope a token lacks.</summary>
    public const string RequiredScopeExtension = "requiredScope";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var refusal = authorizeResult.Forbidden
            ? authorizeResult.AuthorizationFailure?.FailureReasons.OfType<ApiTokenRefusal>().FirstOrDefault()
            : null;
        if (refusal is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers.WWWAuthenticate = refusal.RequiredScope is { } scope
            ? string.Create(CultureInfo.InvariantCulture, $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"")
            : "Bearer error=\"insufficient_scope\"";
        var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = refusal.Title, Detail = refusal.Message };
        if (refusal.RequiredScope is not null)
            problem.Extensions[RequiredScopeExtension] = refusal.RequiredScope;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }
}

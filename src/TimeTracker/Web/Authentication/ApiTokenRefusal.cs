using Microsoft.AspNetCore.Authorization;

namespace TimeTracker.Web.Authentication;

/// <summary>Why a token may not call a route: the problem's title and detail, and the scope it lacks when that is the reason.</summary>
internal sealed class ApiTokenRefusal(IAuthorizationHandler handler, string title, string detail, string? requiredScope)
    : AuthorizationFailureReason(handler, detail)
{
    public string Title { get; } = title;

    /// <summary>The scope the route needs and the token lacks; null when no scope would do (another organization, a session-only route).</summary>
    public string? RequiredScope { get; } = requiredScope;
}

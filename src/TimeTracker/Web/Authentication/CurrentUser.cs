using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using TimeTracker.Web.Problems;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// The signed-in user of a request, read from its validated access token. A handler takes it as a parameter (bound by
/// <see cref="BindAsync"/>, which the request delegate generator calls without reflection) and hands the features
/// the user's id: no feature sees the claims.
/// </summary>
/// <param name="Id">The user id, the token's <c>sub</c>.</param>
internal sealed record CurrentUser(long Id)
{
    /// <summary>The signed-in user of <paramref name="context"/>, for the routes that require one.</summary>
    /// <exception cref="ApiProblemException">401: the token names no user.</exception>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<CurrentUser?>(Of(context.User));
    }

    /// <summary>The user <paramref name="principal"/> (a validated access token) speaks for.</summary>
    /// <exception cref="ApiProblemException">401: the token names no user.</exception>
    public static CurrentUser Of(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new CurrentUser(id)
            : throw new ApiProblemException(401, "Invalid access token", "The access token names no user.");
    }
}

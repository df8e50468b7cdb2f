using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Authentication;

/// <summary>The claims of a principal that a personal API token authenticated: its user, token, organization and scope.</summary>
internal static class ApiTokenClaims
{
    private const string TokenId = "tt_token";
    private const string OrganizationId = "tt_org";
    private const string Scope = "tt_scope";

    /// <summary>The claims of <paramref name="use"/>.</summary>
    public static IEnumerable<Claim> Of(ApiTokenUse use)
    {
        ArgumentNullException.ThrowIfNull(use);
        return
        [
            new Claim(JwtRegisteredClaimNames.Sub, use.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(TokenId, use.TokenId.ToString(CultureInfo.InvariantCulture)),
            new Claim(OrganizationId, use.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(Scope, use.Scope),
        ];
    }

    /// <summary>The token <paramref name="principal"/> was authenticated by, or null for a signed-in session (an access token).</summary>
    public static ApiTokenUse? Use(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = principal.Identities.FirstOrDefault(i => i.AuthenticationType == ApiTokenAuthentication.Scheme);
        return identity is null
            ? null
            : new ApiTokenUse(Number(identity, TokenId), Number(identity, JwtRegisteredClaimNames.Sub), Number(identity, OrganizationId),
                identity.FindFirst(Scope)?.Value ?? "");
    }

    private static long Number(ClaimsIdentity identity, string type) =>
        long.Parse(identity.FindFirst(type)!.Value, NumberStyles.None, CultureInfo.InvariantCulture);
}

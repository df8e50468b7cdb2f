using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Contracts.ApiTokens;

/// <summary>
/// One of your personal API tokens, never its secret: its name, organization, scope there (narrowed to your current role),
/// and when it was created, last used (recorded at most once a minute; null: never) and expires (null: never).
/// </summary>
internal sealed record ApiTokenResponse(
    long Id, string Name, long OrganizationId, string OrganizationName,
    [property: AllowedValues(ApiScope.Read, ApiScope.Write, ApiScope.Admin)] string Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The response describing <paramref name="token"/>.</summary>
    public static ApiTokenResponse Of(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Name, token.OrganizationId, token.OrganizationName, token.Scope, token.CreatedAt, token.LastUsedAt,
            token.ExpiresAt);
    }
}

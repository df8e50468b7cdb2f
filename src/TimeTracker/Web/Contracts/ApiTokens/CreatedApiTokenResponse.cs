using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Contracts.ApiTokens;

/// <summary>
/// A token just created: as listed, plus its <c>secret</c> (<c>tt_pat_</c> and 43 more characters), shown this once
/// only. Send it as <c>Authorization: Bearer tt_pat_…</c>.
/// </summary>
internal sealed record CreatedApiTokenResponse(
    long Id, string Name, long OrganizationId, string OrganizationName,
    [property: AllowedValues(ApiScope.Read, ApiScope.Write, ApiScope.Admin)] string Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt, string Secret)
{
    /// <summary>The response describing <paramref name="created"/>.</summary>
    public static CreatedApiTokenResponse Of(CreatedApiToken created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var token = created.Token;
        return new(token.Id, token.Name, token.OrganizationId, token.OrganizationName, token.Scope, token.CreatedAt, token.LastUsedAt,
            token.ExpiresAt, created.Secret);
    }
}

using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Contracts.ApiTokens;

/// <summary>
/// The body of <c>POST /me/api-tokens</c>: the token's name (up to 100 characters), the one organization it works in,
/// its scope there (default <c>read</c>; at most <c>write</c> for a member, <c>admin</c> for admins and owners), and when
/// it expires (ISO 8601 with an offset, in the future; leave it out for never).
/// </summary>
internal sealed record CreateApiTokenRequest(
    string? Name, long? OrganizationId, [property: AllowedValues(ApiScope.Read, ApiScope.Write, ApiScope.Admin)] string? Scope = null,
    [property: DataType(DataType.DateTime)] string? ExpiresAt = null);

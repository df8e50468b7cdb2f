using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>A pending invitation (the token itself only travels in the email).</summary>
internal sealed record InvitationResponse(
    long Id, long OrganizationId, string Email, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role, DateTimeOffset ExpiresAt)
{
    /// <summary>The response describing <paramref name="invitation"/>.</summary>
    public static InvitationResponse Of(Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new(invitation.Id, invitation.OrganizationId, invitation.Email, invitation.Role, invitation.ExpiresAt);
    }
}

using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>A pending invitation as admins see it, with who sent it (null once that account is deleted); never its token.</summary>
internal sealed record PendingInvitationResponse(
    long Id, string Email, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role, long? InvitedById, string? InvitedByEmail,
        DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The response describing <paramref name="invitation"/>.</summary>
    public static PendingInvitationResponse Of(PendingInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new(invitation.Id, invitation.Email, invitation.Role,
            invitation.InvitedById, invitation.InvitedByEmail, invitation.CreatedAt, invitation.ExpiresAt);
    }
}

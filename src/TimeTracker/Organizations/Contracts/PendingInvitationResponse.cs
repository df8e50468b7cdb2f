using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Organizations.Contracts;

/// <summary>A pending invitation as admins see it, with who sent it (null once that account is deleted); never its token.</summary>
internal sealed record PendingInvitationResponse(
    long Id, string Email, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role, long? InvitedById, string? InvitedByEmail,
        DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

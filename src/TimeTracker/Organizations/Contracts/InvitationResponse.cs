using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Organizations.Contracts;

/// <summary>A pending invitation (the token itself only travels in the email).</summary>
internal sealed record InvitationResponse(
    long Id, long OrganizationId, string Email, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role, DateTimeOffset ExpiresAt);

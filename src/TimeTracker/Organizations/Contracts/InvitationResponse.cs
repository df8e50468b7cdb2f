namespace TimeTracker.Organizations.Contracts;

/// <summary>A pending invitation (the token itself only travels in the email).</summary>
internal sealed record InvitationResponse(long Id, long OrganizationId, string Email, string Role, DateTimeOffset ExpiresAt);

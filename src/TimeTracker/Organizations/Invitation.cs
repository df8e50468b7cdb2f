namespace TimeTracker.Organizations;

/// <summary>An invitation just sent (its token only travels in the email).</summary>
internal sealed record Invitation(long Id, long OrganizationId, string Email, string Role, DateTimeOffset ExpiresAt);

namespace TimeTracker.Organizations;

/// <summary>The <c>details</c> of a membership audit row.</summary>
internal sealed record AuditDetails(long OrganizationId, long UserId, string? Role, string? PreviousRole);

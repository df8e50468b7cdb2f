namespace TimeTracker.Organizations;

/// <summary>The <c>details</c> of a membership or invitation audit row.</summary>
internal sealed record AuditDetails(long OrganizationId, long? UserId, string? Role, string? PreviousRole, string? Email = null);

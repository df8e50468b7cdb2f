namespace TimeTracker.Organizations;

/// <summary>The <c>details</c> of a time entry's audit row: whose entry it is, and the entry before and after the change
/// (no <c>before</c> for a creation, no <c>after</c> for a deletion).</summary>
internal sealed record EntryAuditDetails(long OrganizationId, long UserId, AuditedEntry? Before, AuditedEntry? After);

namespace TimeTracker.Organizations;

/// <summary>The <c>details</c> of an <c>audit_log</c> row of a re-pricing: the range and filters, how many entries got
/// another rate, and their billable amount before and after.</summary>
internal sealed record RepricingAuditDetails(
    long OrganizationId, DateOnly From, DateOnly To, long? ProjectId, long? UserId, int Changed, decimal AmountBefore, decimal AmountAfter);

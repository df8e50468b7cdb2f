namespace TimeTracker.Organizations;

/// <summary>The <c>details</c> of a timesheet period's audit row: whose period, its days, the status it left and the one it
/// reached, and the decision's comment (a rejection's).</summary>
internal sealed record TimesheetAuditDetails(
    long OrganizationId, long UserId, DateOnly StartsOn, DateOnly EndsOn, string PreviousStatus, string Status, string? Comment);

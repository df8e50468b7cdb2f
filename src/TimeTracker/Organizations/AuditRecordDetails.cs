namespace TimeTracker.Organizations;

/// <summary>
/// The <c>details</c> of any audit row as read back: each kind of row fills the fields it writes (memberships and
/// invitations <see cref="AuditDetails"/>, entries <see cref="EntryAuditDetails"/>, timesheet periods
/// <see cref="TimesheetAuditDetails"/>); fields of other kinds are ignored.
/// </summary>
internal sealed record AuditRecordDetails(
    long? UserId = null, string? Role = null, string? PreviousRole = null, string? Email = null, AuditedEntry? Before = null,
    AuditedEntry? After = null, DateOnly? StartsOn = null, DateOnly? EndsOn = null, string? PreviousStatus = null, string? Status = null,
    string? Comment = null);

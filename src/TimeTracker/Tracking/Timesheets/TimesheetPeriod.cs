namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// One member's timesheet for one period: its days, its status (open until first submitted), the submission and decision,
/// and the finished time it holds (entries starting in it, in the member's time zone).
/// </summary>
internal sealed record TimesheetPeriod(
    long UserId, string UserName, string UserEmail, string Period, DateOnly StartsOn, DateOnly EndsOn, string Status, DateTimeOffset? SubmittedAt,
    DateTimeOffset? DecidedAt, long? DecidedById, string? Comment, long TrackedSeconds, int EntryCount);

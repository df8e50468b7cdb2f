namespace TimeTracker.Tracking.Timesheets;

/// <summary>A new timesheet policy as asked for: the period (<c>week</c> or <c>month</c>) and the lock date (null: none).</summary>
internal sealed record TimesheetPolicyChange(string? Period, string? LockDate);

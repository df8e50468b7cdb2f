namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST …/timesheets/{userId}/{date}/reject</c>: what the member should fix (required; emailed to them).</summary>
internal sealed record RejectTimesheetRequest(string? Comment);

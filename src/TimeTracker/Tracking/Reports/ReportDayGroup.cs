namespace TimeTracker.Tracking.Reports;

/// <summary>The time one group of a summary had on one day: all of it, billable or not.</summary>
internal sealed record ReportDayGroup(string? Key, long Seconds);

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// One line of a summary: the group's key (a project, client, user or tag id, or a date <c>yyyy-MM-dd</c>; null for
/// entries without one), its name, and the time and billable amount of its finished entries.
/// </summary>
internal sealed record ReportGroup(
    string? Key, string Name, long TotalSeconds, decimal TotalHours, long BillableSeconds, decimal BillableHours, decimal BillableAmount);

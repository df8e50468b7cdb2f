namespace TimeTracker.Tracking.Reports;

/// <summary>
/// One local day of a summary, for a chart of time per day: the seconds of each of the summary's groups that had time
/// that day (keys as in <see cref="ReportGroup.Key"/>, in the groups' order).
/// </summary>
internal sealed record ReportDay(DateOnly Date, IReadOnlyList<ReportDayGroup> Groups);

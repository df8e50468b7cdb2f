namespace TimeTracker.Tracking.Reports;

/// <summary>
/// One local day of a summary, for a chart of time per day: the seconds of each of the summary's largest groups that had
/// time that day (keys as in <see cref="ReportGroup.Key"/>, in the groups' order), and the seconds of all its other groups
/// together.
/// </summary>
internal sealed record ReportDay(DateOnly Date, IReadOnlyList<ReportDayGroup> Groups, long OtherSeconds);

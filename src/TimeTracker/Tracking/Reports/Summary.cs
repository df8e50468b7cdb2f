namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A summary report: the days covered, in which time zone, grouped how, the groups and their totals, and each day's time
/// by group.
/// </summary>
internal sealed record Summary(
    DateOnly From, DateOnly To, string TimeZone, string GroupBy, IReadOnlyList<ReportGroup> Groups, ReportTotals Totals,
    IReadOnlyList<ReportDay> Days);

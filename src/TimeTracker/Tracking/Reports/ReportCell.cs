namespace TimeTracker.Tracking.Reports;

/// <summary>The sums of one group on one local day of a summary.</summary>
/// <param name="Day">The local day.</param>
/// <param name="Key">The group's id (null: entries without one, or the day's own group when grouping by day).</param>
/// <param name="Name">The group's name, when it has one.</param>
/// <param name="Sums">What the group's entries of that day add up to.</param>
internal sealed record ReportCell(DateOnly Day, long? Key, string? Name, ReportSums Sums);

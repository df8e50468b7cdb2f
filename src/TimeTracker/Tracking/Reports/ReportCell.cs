namespace TimeTracker.Tracking.Reports;

/// <summary>The sums of one group of a summary, on one local day or over the whole range.</summary>
/// <param name="Day">The local day, or null for the whole range.</param>
/// <param name="Key">The group's id (null: entries without one, or every group together).</param>
/// <param name="Name">The group's name, when it has one.</param>
/// <param name="Sums">What the group's entries of that day add up to.</param>
internal sealed record ReportCell(DateOnly? Day, long? Key, string? Name, ReportSums Sums);

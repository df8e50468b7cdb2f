namespace TimeTracker.Tracking.Reports;

/// <summary>
/// The whole range: every finished entry once (by tag, an entry with several tags is in several groups but
/// counts once here). <c>unratedBillableSeconds</c> is billable time with no rate to bill it at (neither the
/// project's nor the member's default), which the amount leaves out.
/// </summary>
internal sealed record ReportTotals(
    long TotalSeconds, decimal TotalHours, long BillableSeconds, decimal BillableHours, decimal BillableAmount, long UnratedBillableSeconds);

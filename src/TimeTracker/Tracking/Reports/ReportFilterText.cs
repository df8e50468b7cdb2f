namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A report's filters as the query gives them: repeated <c>clientId</c>, <c>projectId</c>, <c>userId</c> and <c>tag</c>
/// parameters, and <c>billable</c> (<c>true</c>, <c>false</c> or <c>any</c>); read by <see cref="ReportFilter.Parse"/>.
/// </summary>
internal sealed record ReportFilterText(
    IReadOnlyList<string>? ClientId, IReadOnlyList<string>? ProjectId, IReadOnlyList<string>? UserId, IReadOnlyList<string>? Tag, string? Billable)
{
    /// <summary>No filter.</summary>
    public static ReportFilterText None { get; } = new(null, null, null, null, null);
}

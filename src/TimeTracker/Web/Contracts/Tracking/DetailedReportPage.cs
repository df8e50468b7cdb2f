using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// A page of the detailed report, oldest first; <c>nextCursor</c> (when there are more) is passed as <c>cursor</c>, with the
/// same filters, for the next page.
/// </summary>
internal sealed record DetailedReportPage(IReadOnlyList<DetailedEntryResponse> Items, string? NextCursor)
{
    /// <summary>The response describing <paramref name="page"/>.</summary>
    public static DetailedReportPage Of(DetailedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Items.Select(DetailedEntryResponse.Of)], page.NextCursor);
    }
}

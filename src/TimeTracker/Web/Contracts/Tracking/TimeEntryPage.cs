using TimeTracker.Paging;
using TimeTracker.Tracking.Entries;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A page of entries, newest first; <c>nextCursor</c> (when there are more) is passed as <c>cursor</c> for the next page.</summary>
internal sealed record TimeEntryPage(IReadOnlyList<TimeEntryResponse> Items, string? NextCursor)
{
    /// <summary>The response describing <paramref name="page"/>.</summary>
    public static TimeEntryPage Of(Page<TimeEntry> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Items.Select(TimeEntryResponse.Of)], page.NextCursor);
    }
}

namespace TimeTracker.Tracking.Entries;

/// <summary>A page of entries, newest first; <c>nextCursor</c> (when there are more) is passed as <c>cursor</c> for the next page.</summary>
internal sealed record TimeEntryPage(IReadOnlyList<TimeEntryResponse> Items, string? NextCursor);

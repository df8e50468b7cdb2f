namespace TimeTracker.Tracking.Reports;

/// <summary>A page of a detailed report, and the cursor of the next one while more follow.</summary>
/// <param name="Items">The page's entries, oldest first.</param>
/// <param name="NextCursor">The cursor after the last entry, or null on the last page.</param>
/// <param name="Billed">The exact amount of the list up to the page's last entry, in cent-seconds (seconds × rate in
/// cents), which the next page continues from.</param>
internal sealed record DetailedPage(IReadOnlyList<DetailedEntry> Items, string? NextCursor, decimal Billed);

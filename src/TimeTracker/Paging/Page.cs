namespace TimeTracker.Paging;

/// <summary>
/// One page of a list: <c>items</c> in the list's order, and <c>nextCursor</c>, to pass as <c>cursor</c> for the
/// next page while there are more, null on the last page.
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

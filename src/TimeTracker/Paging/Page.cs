namespace TimeTracker.Paging;

/// <summary>
/// One page of a list: <c>items</c> in the list's order, and <c>nextCursor</c>, to pass as <c>cursor</c> for the
/// next page while there are more, null on the last page.
/// </summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>The same page with each item mapped by <paramref name="map"/> (a result to its response).</summary>
    public Page<TResult> Select<TResult>(Func<T, TResult> map) => new([.. Items.Select(map)], NextCursor);
}

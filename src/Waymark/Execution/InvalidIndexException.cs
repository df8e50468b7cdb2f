namespace Waymark.Execution;

/// <summary>
/// An index built concurrently is there but not valid (PostgreSQL's <c>pg_index.indisvalid</c> is false), so the
/// revision is not recorded; the next run drops the index and builds it again.
/// </summary>
public sealed class InvalidIndexException(string table, string index)
    : WaymarkException($"The index {index} on {table} was built concurrently but is not valid. The revision is not recorded; " +
        $"run it again to drop the index and build it anew.")
{
    /// <summary>The index.</summary>
    public string Index { get; } = index;
}

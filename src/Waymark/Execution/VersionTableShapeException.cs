namespace Waymark.Execution;

/// <summary>A write to the version table did not touch exactly the rows it should have.</summary>
public sealed class VersionTableShapeException(string table, string detail)
    : WaymarkException($"The version table '{table}' is not as expected: {detail}. " +
        $"It must have one column version_num with one row per current head; inspect it, then 'db stamp' the right revision.")
{
    /// <summary>The version table's name.</summary>
    public string Table { get; } = table;
}

namespace Waymark.Revisions;

/// <summary>The down-revisions form a cycle, so the chain has no order.</summary>
public sealed class RevisionCycleException(IReadOnlyList<string> cycle, IReadOnlyList<string> sourceFiles)
    : WaymarkException($"The revisions {string.Join(" -> ", cycle)} form a cycle through their down-revisions (files: " +
        $"{string.Join(", ", sourceFiles)}). A revision may only follow revisions older than itself.")
{
    /// <summary>The revision ids on the cycle, in order.</summary>
    public IReadOnlyList<string> Cycle { get; } = cycle;

    /// <summary>The files that declare them.</summary>
    public IReadOnlyList<string> SourceFiles { get; } = sourceFiles;
}

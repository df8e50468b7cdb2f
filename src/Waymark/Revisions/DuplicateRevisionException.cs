namespace Waymark.Revisions;

/// <summary>Two migrations declare the same revision id.</summary>
public sealed class DuplicateRevisionException(string revisionId, IReadOnlyList<string> sourceFiles)
    : WaymarkException($"Revision id '{revisionId}' is declared more than once: {string.Join(" and ", sourceFiles)}. " +
        $"Give one of them a new id (and fix the down-revisions that point to it).")
{
    /// <summary>The repeated id.</summary>
    public string RevisionId { get; } = revisionId;

    /// <summary>The files that declare it.</summary>
    public IReadOnlyList<string> SourceFiles { get; } = sourceFiles;
}

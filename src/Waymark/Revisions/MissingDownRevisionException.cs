namespace Waymark.Revisions;

/// <summary>A revision follows a revision that no migration declares.</summary>
public sealed class MissingDownRevisionException(string revisionId, string missingId, string sourceFile)
    : WaymarkException($"Revision '{revisionId}' (in {sourceFile}) has down-revision '{missingId}', " +
        $"but no migration declares a revision '{missingId}'. Restore that migration or point '{revisionId}' at an existing revision.")
{
    /// <summary>The revision whose down-revision is missing.</summary>
    public string RevisionId { get; } = revisionId;

    /// <summary>The down-revision no migration declares.</summary>
    public string MissingId { get; } = missingId;

    /// <summary>The file that declares <see cref="RevisionId"/>.</summary>
    public string SourceFile { get; } = sourceFile;
}

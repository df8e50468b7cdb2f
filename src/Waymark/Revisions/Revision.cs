namespace Waymark.Revisions;

/// <summary>One revision of the chain: its id, what it follows, what it does, where it is written, and how to create it.</summary>
/// <param name="Id">The revision id.</param>
/// <param name="DownRevisions">The revisions it follows: none for a base, one, or several for a merge.</param>
/// <param name="Message">What it does.</param>
/// <param name="SourceFile">The file that declares it.</param>
/// <param name="CreateMigration">Creates the migration; only called when its operations are needed.</param>
public sealed record Revision(
    string Id,
    IReadOnlyList<string> DownRevisions,
    string Message,
    string SourceFile,
    Func<Migration> CreateMigration)
{
    /// <summary>Whether the revision follows none.</summary>
    public bool IsBase => DownRevisions.Count == 0;

    /// <summary>Whether the revision joins several branches.</summary>
    public bool IsMerge => DownRevisions.Count > 1;

    /// <summary>The file name alone, for messages.</summary>
    public string FileName => Path.GetFileName(SourceFile.Replace('\\', '/'));

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Message})";
}

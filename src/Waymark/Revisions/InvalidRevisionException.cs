namespace Waymark.Revisions;

/// <summary>A revision's declaration is malformed: an empty or invalid id, a class that is no migration.</summary>
public sealed class InvalidRevisionException(string sourceFile, string message)
    : WaymarkException($"{message} (in {sourceFile})")
{
    /// <summary>The file that declares the revision.</summary>
    public string SourceFile { get; } = sourceFile;
}

using System.Runtime.CompilerServices;

namespace Waymark.Revisions;

/// <summary>
/// Marks a <see cref="Migration"/> class as a revision of the chain. The metadata is read without
/// creating the migration, so listing the chain never builds any SQL.
/// </summary>
/// <example><c>[Revision("019", DownRevision = "018", Message = "add auth features")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RevisionAttribute(string id, [CallerFilePath] string sourceFile = "") : Attribute
{
    /// <summary>The revision id (what <c>alembic_version.version_num</c> records).</summary>
    public string Id { get; } = id;

    /// <summary>The file that declares the revision (filled in by the compiler).</summary>
    public string SourceFile { get; } = sourceFile;

    /// <summary>The revision this one follows; null for a base revision.</summary>
    public string? DownRevision { get; init; }

    /// <summary>The revisions a merge revision joins; use instead of <see cref="DownRevision"/>.</summary>
    public string[]? DownRevisions { get; init; }

    /// <summary>What the revision does, in a few words.</summary>
    public string Message { get; init; } = "";
}

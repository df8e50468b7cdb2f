namespace Waymark.Planning;

/// <summary>
/// The database's version record names a revision that no migration script declares: the database was
/// migrated by a newer (or different) version of the scripts, or a script was deleted or renamed.
/// </summary>
public sealed class UnknownDatabaseRevisionException(IReadOnlyList<string> unknown, IReadOnlyList<string> scriptHeads)
    : WaymarkException(
        $"The database's version record names revision {string.Join(", ", unknown.Select(u => $"'{u}'"))}, " +
        $"which none of the migration scripts declares " +
        $"(their head is {string.Join(", ", scriptHeads)}). Either the database was upgraded by a newer version of this application " +
        "(deploy that version, or downgrade with it first), or a migration script was removed or renamed. " +
        "Find the revision the schema really matches (compare it with 'db show <revision>'), then record it with 'db stamp <revision>'; " +
        "stamp changes only the version record.")
{
    /// <summary>The recorded revisions no script declares.</summary>
    public IReadOnlyList<string> Unknown { get; } = unknown;
}

namespace Waymark.Revisions;

/// <summary>
/// A migration: the operations that take the schema from its down-revision to this revision, and back.
/// Subclasses are sealed, one per file, and carry a <see cref="RevisionAttribute"/>.
/// </summary>
public abstract class Migration
{
    /// <summary>
    /// Whether the migration runs inside a transaction with its version update (the default). A
    /// non-transactional migration (e.g. PostgreSQL's <c>CREATE INDEX CONCURRENTLY</c>) runs its
    /// statements one by one; if one fails, the statements before it stay applied and the version
    /// record still names the previous revision.
    /// </summary>
    public virtual bool IsTransactional => true;

    /// <summary>Records the operations that apply this revision.</summary>
    public abstract void Upgrade(MigrationBuilder migrate);

    /// <summary>Records the operations that undo this revision.</summary>
    public abstract void Downgrade(MigrationBuilder migrate);
}

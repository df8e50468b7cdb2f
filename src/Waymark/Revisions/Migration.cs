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

    /// <summary>
    /// How long each statement of this migration may wait for a table or row lock, instead of the run's
    /// <see cref="Execution.MigratorOptions.StatementLockTimeout"/> (null: the run's). PostgreSQL only.
    /// </summary>
    public virtual TimeSpan? StatementLockTimeout => null;

    /// <summary>
    /// How long each statement of this migration may run, instead of the run's
    /// <see cref="Execution.MigratorOptions.StatementTimeout"/> (null: the run's). PostgreSQL only.
    /// </summary>
    public virtual TimeSpan? StatementTimeout => null;

    /// <summary>Records the operations that apply this revision.</summary>
    public abstract void Upgrade(MigrationBuilder migrate);

    /// <summary>Records the operations that undo this revision.</summary>
    public abstract void Downgrade(MigrationBuilder migrate);
}

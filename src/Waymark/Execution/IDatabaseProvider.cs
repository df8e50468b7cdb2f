using System.Data.Common;
using Waymark.Dialects;

namespace Waymark.Execution;

/// <summary>
/// Everything the engine needs from one database: its dialect, how to open a connection, how to read
/// its schema, and the session rules a migration run needs (a lock, integrity checks).
/// </summary>
public interface IDatabaseProvider
{
    /// <summary>The SQL dialect.</summary>
    ISqlDialect Dialect { get; }

    /// <summary>Reads schemas of live databases of this kind.</summary>
    ISchemaReader SchemaReader { get; }

    /// <summary>How <c>db lint</c> reads what a statement did (catalog and locks) and how big the live tables are.</summary>
    Linting.ILintProbe LintProbe { get; }

    /// <summary>Where the database is, fit to print: never contains a password.</summary>
    string DisplayName { get; }

    /// <summary>
    /// Whether the database exists at all; reading commands (current, history) treat a missing one as being
    /// at base rather than creating it.
    /// </summary>
    Task<bool> ExistsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates an empty database of the same kind (same server, same settings), where the doctor replays the
    /// chain; throws <see cref="ScratchDatabaseUnavailableException"/> when this user may not create one.
    /// </summary>
    Task<ScratchDatabase> CreateScratchDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection; failures become <see cref="DatabaseUnavailableException"/> with what to do.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock that serialises migration runs on this database, waiting at most
    /// <paramref name="timeout"/>. Disposing the result releases it.
    /// </summary>
    /// <param name="connection">The connection the run uses (a session-level lock belongs to it).</param>
    /// <param name="timeout">How long to wait; then <see cref="MigrationLockTimeoutException"/>.</param>
    /// <param name="waiting">Told once, when the lock is held by another run, who holds it.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<IAsyncDisposable> AcquireMigrationLockAsync(
        DbConnection connection, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken);

    /// <summary>Sets up a connection for running migrations (outside any transaction).</summary>
    Task PrepareMigrationSessionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Checks, before a migration commits, what the database could not check while it ran (foreign keys
    /// across a table rebuild); throws <see cref="IntegrityViolationException"/> when something is wrong.
    /// </summary>
    /// <param name="connection">The migration's connection.</param>
    /// <param name="transaction">The migration's transaction, if it has one.</param>
    /// <param name="tables">The tables the migration changed (their referencing tables are checked too); null when it
    /// ran SQL the engine cannot see into, so everything is checked.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task VerifyIntegrityAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken);

    /// <summary>
    /// The other sessions that hold locks on <paramref name="tables"/> (null: on any table of the database), read on
    /// <paramref name="connection"/> outside any transaction: who a migration that timed out waiting for a lock was
    /// queued behind. Empty where the database cannot tell (SQLite).
    /// </summary>
    Task<IReadOnlyList<LockHolder>> FindLockHoldersAsync(
        DbConnection connection, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the index <paramref name="index"/> of <paramref name="table"/> exists but is not valid: left behind by a
    /// concurrent build that failed (PostgreSQL's <c>pg_index.indisvalid</c>). False where the database has no such state.
    /// </summary>
    Task<bool> IsIndexInvalidAsync(DbConnection connection, string table, string index, CancellationToken cancellationToken);
}

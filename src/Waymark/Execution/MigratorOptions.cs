namespace Waymark.Execution;

/// <summary>How a <see cref="Migrator"/> records what it does.</summary>
public sealed record MigratorOptions
{
    /// <summary>The version table (one row per current head); Alembic's name by default, so its databases can be taken over.</summary>
    public string VersionTable { get; init; } = "alembic_version";

    /// <summary>The audit table: one row per upgrade, downgrade and stamp.</summary>
    public string HistoryTable { get; init; } = "waymark_history";

    /// <summary>How long to wait for another run's migration lock (the lock that serialises runs; not a table lock).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long each statement of a migration may wait for a lock on a table or row (PostgreSQL's <c>lock_timeout</c>,
    /// set for each migration's transaction), so an <c>ALTER TABLE</c> queued behind a long transaction does not in
    /// turn block every query of the application. <see cref="TimeSpan.Zero"/> waits for ever; null keeps the server's
    /// setting. A migration may set its own (<see cref="Revisions.Migration.StatementLockTimeout"/>). SQLite ignores it.
    /// </summary>
    public TimeSpan? StatementLockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long each statement of a migration may run (PostgreSQL's <c>statement_timeout</c>); null (the default)
    /// keeps the server's setting. A migration may set its own. SQLite ignores it.
    /// </summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>
    /// How many times a migration that timed out waiting for a lock (SQLSTATE 55P03) is rolled back and tried
    /// again before the run fails; 0 fails at the first timeout.
    /// </summary>
    public int LockRetries { get; init; } = 4;

    /// <summary>
    /// The pause before the first retry; each further retry doubles it (at most 30 s), and a random jitter takes
    /// up to half of it away, so runs blocked together do not retry in step.
    /// </summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Who runs the migrations, as recorded in the history (user@host by default).</summary>
    public string AppliedBy { get; init; } = $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>The tool and version recorded in the history.</summary>
    public string ToolVersion { get; init; } = "waymark " + typeof(MigratorOptions).Assembly.GetName().Version?.ToString(3);
}

using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Testing;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>
/// Every migration transaction runs with <c>SET LOCAL lock_timeout</c> (and <c>statement_timeout</c> when set). A
/// migration that times out waiting for a lock (SQLSTATE 55P03) is rolled back and retried, and each retry names the
/// session that holds its table. Nothing here waits for time to pass to prove a negative: the holder is a session of
/// the test's own, released (or not) from the retry callback, so each attempt's outcome is decided before it starts.
/// </summary>
public sealed class LockTimeoutTests : DatabaseTest
{
    private const string HolderQuery = "SELECT count(*) FROM events /* the holder */";

    private static readonly MigratorOptions Quick = ScenarioDatabase.Options with
    {
        StatementLockTimeout = TimeSpan.FromMilliseconds(200),
        LockRetries = 3,
        LockRetryDelay = TimeSpan.Zero,
    };

    private static Revision CreateEvents() => Rev("r1", null, m => m.CreateTable("events", t =>
    {
        t.Id();
        t.Int("n");
    }));

    private static Revision AddKind() => Rev("r2", "r1", m => m.AddColumn("events", "kind", ColumnType.String(20), nullable: false, defaultValue: "plain"));

    /// <summary>A session of the test's own, in a transaction that has read events: it holds ACCESS SHARE on it until it ends.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> HoldEventsAsync()
    {
        var connection = new NpgsqlConnection(Db.ConnectionString + ";Pooling=false;Application Name=holder");
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var read = new NpgsqlCommand(HolderQuery, connection, transaction);
        await read.ExecuteScalarAsync();
        return (connection, transaction);
    }

    private async Task<Migrator> MigratorAtR1Async(Revision next, MigratorOptions options, CapturingLogger? logger = null)
    {
        await Db.Migrator(CreateEvents()).UpgradeAsync("head", CancellationToken.None);
        return Db.Migrator(new RevisionGraph([CreateEvents(), next]), options, logger);
    }

    [Fact]
    public async Task A_migration_blocked_by_another_session_is_rolled_back_retried_and_told_the_blockers_pid_and_query_then_succeeds_once_it_lets_go()
    {
        var logger = new CapturingLogger();
        var migrator = await MigratorAtR1Async(AddKind(), Quick, logger);
        var (holder, holding) = await HoldEventsAsync();
        await using var _ = holder;
        var waits = new List<StatementLockWait>();
        migrator.StatementLockWaiting = wait =>
        {
            waits.Add(wait);
            holding.Commit();
        };

        var result = await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], result.To);
        var wait = Assert.Single(waits);
        Assert.Equal(("r2", 1, 3), (wait.Revision, wait.Attempt, wait.Retries));
        var blocker = Assert.Single(wait.Holders);
        Assert.Equal(holder.ProcessID, blocker.ProcessId);
        Assert.Equal(HolderQuery, blocker.Query);
        Assert.Contains("holder, user waymark, idle in transaction", blocker.Session, StringComparison.Ordinal);
        Assert.Equal(["events"], blocker.Tables);
        Assert.Contains(logger.Messages, m => m.Contains("r2 timed out waiting 200 ms for a lock (attempt 1 of 4)", StringComparison.Ordinal)
            && m.Contains($"server process {holder.ProcessID} ", StringComparison.Ordinal) && m.Contains(HolderQuery, StringComparison.Ordinal));
        Assert.Contains("SET LOCAL lock_timeout = '200ms'", logger.Statements);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Equal(["r1|upgrade", "r2|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.NotNull((await Db.ReadTableAsync("events")).FindColumn("kind"));
    }

    [Fact]
    public async Task A_migration_whose_blocker_never_lets_go_fails_after_its_retries_with_the_version_record_and_schema_unchanged()
    {
        var migrator = await MigratorAtR1Async(AddKind(), Quick with { LockRetries = 2 });
        var (holder, holding) = await HoldEventsAsync();
        await using var _ = holder;
        await using var __ = holding;
        var attempts = new List<int>();
        migrator.StatementLockWaiting = wait => attempts.Add(wait.Attempt);

        var error = await Assert.ThrowsAsync<StatementLockTimeoutException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Equal([1, 2], attempts);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(holder.ProcessID, Assert.Single(error.Holders).ProcessId);
        Assert.Contains("revision r2 (r2_migration.cs) could not take its locks: 3 attempt(s) each waited 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains($"server process {holder.ProcessID} (holder, user waymark, idle in transaction) holding events: {HolderQuery}", error.Message, StringComparison.Ordinal);
        Assert.Contains("the database is still at r1", error.Message, StringComparison.Ordinal);
        Assert.Contains("--statement-lock-timeout", error.Message, StringComparison.Ordinal);
        await holding.RollbackAsync();
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Equal(["r1|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Null((await Db.ReadTableAsync("events")).FindColumn("kind"));
    }

    [Fact]
    public async Task Each_migration_runs_with_the_runs_timeouts_unless_it_sets_its_own()
    {
        var record = "INSERT INTO seen (revision, settings) SELECT @revision, current_setting('lock_timeout') || '/' || current_setting('statement_timeout')";
        var revisions = new[]
        {
            Rev("t1", null, m => m.CreateTable("seen", t =>
            {
                t.Text("revision");
                t.Text("settings");
            }).Execute(record, ("revision", "t1"))),
            TimedMigration.Rev("t2", "t1", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(90), m => m.Execute(record, ("revision", "t2"))),
            Rev("t3", "t2", m => m.Execute(record, ("revision", "t3"))),
        };

        await Db.Migrator(new RevisionGraph(revisions), ScenarioDatabase.Options with { StatementTimeout = TimeSpan.FromSeconds(30) })
            .UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["t1|5s/30s", "t2|250ms/90s", "t3|5s/30s"], await Db.RowsAsync("SELECT revision, settings FROM seen ORDER BY revision"));
    }

    [Fact]
    public async Task A_statement_that_runs_past_the_statement_timeout_fails_its_migration_which_is_rolled_back_and_not_retried()
    {
        var slow = TimedMigration.Rev("r2", "r1", null, TimeSpan.FromMilliseconds(100), m => m
            .AddColumn("events", "kind", ColumnType.Text)
            .Sql("SELECT pg_sleep(30)"));
        var migrator = await MigratorAtR1Async(slow, Quick);
        var retried = false;
        migrator.StatementLockWaiting = _ => retried = true;

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 57014]", error.Message, StringComparison.Ordinal);
        Assert.False(retried, "only lock timeouts are retried");
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Null((await Db.ReadTableAsync("events")).FindColumn("kind"));
    }

    [Fact]
    public async Task A_concurrent_index_build_blocked_by_an_open_transaction_is_retried_alone_and_the_invalid_index_it_left_is_rebuilt()
    {
        var logger = new CapturingLogger();
        var migrator = await MigratorAtR1Async(
            Rev("r2", "r1", m => m.CreateIndex("events", ["n"], concurrently: true)), Quick, logger);
        var (holder, holding) = await HoldEventsAsync();
        await using var _ = holder;
        var waits = new List<StatementLockWait>();
        var invalidAtRetry = new List<string>();
        migrator.StatementLockWaiting = wait =>
        {
            waits.Add(wait);
            // The build that timed out waiting for the holder's transaction has left its index behind, invalid.
            invalidAtRetry.AddRange(Db.RowsAsync("SELECT i.relname FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE NOT ix.indisvalid")
                .GetAwaiter().GetResult());
            holding.Commit();
        };

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(holder.ProcessID, Assert.Single(Assert.Single(waits).Holders).ProcessId);
        Assert.Equal(["ix_events_n"], invalidAtRetry);
        Assert.Contains(logger.Messages, m => m.Contains("Dropping the invalid index ix_events_n on events", StringComparison.Ordinal));
        Assert.Equal(["true"], await Db.RowsAsync("SELECT ix.indisvalid FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE i.relname = 'ix_events_n'"));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }
}

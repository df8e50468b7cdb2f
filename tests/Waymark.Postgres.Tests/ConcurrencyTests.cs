using System.Globalization;
using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>Runs on one database are serialised by the session advisory lock (1463900493, 1) = ('W','A','Y','M'), 1.</summary>
public sealed class PostgresConcurrencyTests : ConcurrencyScenarios
{
    private const string LockKeys = "1463900493, 1";

    private TestDatabase Postgres => (TestDatabase)Db;

    protected override string RunningHolderDescriptionPart => "(waymark, user waymark from 127.0.0.1";

    protected override string LockNamePart => $"advisory lock ({LockKeys})";

    protected override string? HolderPart(IAsyncDisposable holder) => $"server process {((NpgsqlConnection)holder).ProcessID} ";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    protected override Revision InsertManyEvents() => Rev("k2", "k1", m => m
        .Sql("INSERT INTO events (n, payload) SELECT i, md5(i::text) FROM generate_series(1, 20000) i")
        .Sql("SELECT pg_sleep(0.3)"));

    protected override async Task<IAsyncDisposable?> TryHoldLockAsync() => await TryHoldAdvisoryLockAsync();

    /// <summary>
    /// A session of the test's own that holds the migration lock until disposed, or null. Not pooled: closing it
    /// ends the session, and with it the lock.
    /// </summary>
    private async Task<NpgsqlConnection?> TryHoldAdvisoryLockAsync()
    {
        var connection = new NpgsqlConnection(Db.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKeys})", connection);
        if ((bool)(await take.ExecuteScalarAsync())!)
            return connection;
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Waymark retries pg_try_advisory_lock, so pg_locks never shows it waiting: this polls the start of the
    /// latest try by any session but the holder until one started after <paramref name="after"/>, failing if
    /// <paramref name="run"/> completes first.
    /// </summary>
    private async Task<long> NextLockTryStartedAfterAsync(long after, int holderPid, Task run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            Assert.False(run.IsCompleted, "the run completed while another session held the lock");
            var started = await Db.RowsAsync(
                "SELECT (extract(epoch FROM query_start) * 1000000)::bigint FROM pg_stat_activity " +
                $"WHERE datname = current_database() AND pid <> {holderPid} AND query LIKE 'SELECT pg_try_advisory_lock(%'");
            if (started is [var text] && long.Parse(text, CultureInfo.InvariantCulture) is var microseconds && microseconds > after)
                return microseconds;
            Assert.True(DateTime.UtcNow < deadline, "the waiting run did not try the lock again");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task A_run_waits_while_another_session_holds_the_advisory_lock_and_is_told_the_holders_pid()
    {
        var holder = (await TryHoldAdvisoryLockAsync())!;
        var pid = holder.ProcessID;
        var waitingFor = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var migrator = Db.Migrator(Revisions());
        migrator.LockWaiting = description => waitingFor.TrySetResult(description);
        Task<MigrationRunResult> run;
        await using (holder)
        {
            run = migrator.UpgradeAsync("head", CancellationToken.None);

            var description = await waitingFor.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Contains($"server process {pid} ", description, StringComparison.Ordinal);
            Assert.Contains("user waymark from 127.0.0.1", description, StringComparison.Ordinal);
            // Two tries seen, the second after the first: the run was refused the lock and kept waiting.
            var firstTry = await NextLockTryStartedAfterAsync(0, pid, run);
            await NextLockTryStartedAfterAsync(firstTry, pid, run);
            Assert.False(run.IsCompleted, "the run waits for the lock");
            Assert.False(await Db.TableExistsAsync("alembic_version"), "nothing is done before the lock is held");

            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKeys})", holder);
            Assert.True((bool)(await unlock.ExecuteScalarAsync())!);
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["k4"], result.To);
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
    }
}

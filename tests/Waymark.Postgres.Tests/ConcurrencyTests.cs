using System.Diagnostics;
using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>Runs on one database are serialised by the session advisory lock (1463900493, 1) = ('W','A','Y','M'), 1.</summary>
public sealed class ConcurrencyTests : DatabaseTest
{
    private const string LockKeys = "1463900493, 1";

    private static Revision[] Revisions() =>
    [
        Rev("k1", null, m => m.CreateTable("events", t =>
        {
            t.Id();
            t.Int("n").NotNull();
            t.Text("payload");
        })),
        // Slow enough that the runs overlap.
        Rev("k2", "k1", m => m
            .Sql("INSERT INTO events (n, payload) SELECT i, md5(i::text) FROM generate_series(1, 20000) i")
            .Sql("SELECT pg_sleep(0.3)")),
        Rev("k3", "k2", m => m.AlterColumn("events", "payload", nullable: false, defaultValue: "")),
        Rev("k4", "k3", m => m.AddColumn("events", "kind", ColumnType.String(20), nullable: false, defaultValue: "plain")),
    ];

    /// <summary>A session of the test's own that holds the migration lock until disposed.</summary>
    private async Task<(NpgsqlConnection Connection, int Pid)> HoldLockAsync()
    {
        var connection = await Db.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKeys})", connection))
            await take.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var pid = (int)(await command.ExecuteScalarAsync())!;
        return (connection, pid);
    }

    [Fact]
    public async Task A_run_waits_while_another_session_holds_the_advisory_lock_and_is_told_the_holders_pid()
    {
        var (holder, pid) = await HoldLockAsync();
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
            await Task.Delay(300);
            Assert.False(run.IsCompleted, "the run waits for the lock");
            Assert.False(await Db.TableExistsAsync("alembic_version"), "nothing is done before the lock is held");

            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKeys})", holder);
            Assert.True((bool)(await unlock.ExecuteScalarAsync())!);
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["k4"], result.To);
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task A_run_that_cannot_get_the_lock_within_its_timeout_gives_up_naming_the_lock_and_the_holder_without_changing_anything()
    {
        var (holder, pid) = await HoldLockAsync();
        await using (holder)
        {
            var options = TestDatabase.Options with { LockTimeout = TimeSpan.FromSeconds(1) };
            var migrator = Db.Migrator(new RevisionGraph(Revisions()), options);
            var waited = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

            Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
            Assert.Contains($"advisory lock ({LockKeys})", error.Message, StringComparison.Ordinal);
            Assert.Contains($"server process {pid} ", error.Message, StringComparison.Ordinal);
            Assert.Contains("gave up after waiting 1 s", error.Message, StringComparison.Ordinal);
            Assert.Contains(Db.Name, error.LockName, StringComparison.Ordinal);
            await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.StampAsync("k2", CancellationToken.None));
            Assert.Empty(await Db.QualifiedTablesAsync());
        }

        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Waiting_for_the_lock_can_be_cancelled()
    {
        var (holder, _) = await HoldLockAsync();
        await using (holder)
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Db.Migrator(Revisions()).UpgradeAsync("head", cancel.Token));

            Assert.Empty(await Db.QualifiedTablesAsync());
        }
    }

    [Fact]
    public async Task Two_migrators_upgrading_the_same_database_at_once_both_succeed_and_apply_each_revision_once()
    {
        var first = Db.Migrator(Revisions());
        var second = Db.Migrator(Revisions());

        var results = await Task.WhenAll(
            Task.Run(() => first.UpgradeAsync("head", CancellationToken.None)),
            Task.Run(() => second.UpgradeAsync("head", CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(["k4"], r.To));
        Assert.Equal(["k1", "k2", "k3", "k4"], results.SelectMany(r => r.Steps).Select(s => s.Step.Revision.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["k1|upgrade", "k2|upgrade", "k3|upgrade", "k4|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
        Assert.Equal(20000, await Db.CountAsync("events"));
    }

    [Fact]
    public async Task Several_migrators_racing_on_a_database_half_way_up_apply_the_rest_exactly_once()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("k2", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None))));

        Assert.Equal(["k3", "k4"], results.SelectMany(r => r.Steps).Select(s => s.Step.Revision.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["k1", "k2", "k3", "k4"], await Db.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
        Assert.Equal(20000, await Db.CountAsync("events"));
    }

    [Fact]
    public async Task A_run_that_starts_while_another_runs_waits_for_it_then_finds_nothing_left_to_do()
    {
        using var entered = new ManualResetEventSlim();
        var slow = Revisions();
        var create = slow[0];
        // The migration is created once the lock is held: the second run queues up behind it.
        slow[0] = create with
        {
            CreateMigration = () =>
            {
                entered.Set();
                Thread.Sleep(500);
                return create.CreateMigration();
            },
        };
        var first = Task.Run(() => Db.Migrator(slow).UpgradeAsync("head", CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        var second = Db.Migrator(Revisions());
        string? holder = null;
        second.LockWaiting = description => holder = description;

        var secondResult = await second.UpgradeAsync("head", CancellationToken.None);
        var firstResult = await first;

        Assert.Equal(4, firstResult.Steps.Count);
        Assert.Empty(secondResult.Steps);
        Assert.Equal(["k4"], secondResult.From);
        Assert.NotNull(holder);
        Assert.Contains("(waymark, user waymark from 127.0.0.1", holder, StringComparison.Ordinal);
        Assert.Equal(4, await Db.CountAsync("waymark_history"));
    }

    [Fact]
    public async Task The_lock_is_released_after_a_run_even_one_that_failed()
    {
        var failing = Rev("x2", "k1", m => m.Sql("SELECT * FROM no_such_table"));
        await Db.Migrator(Revisions()[0]).UpgradeAsync("head", CancellationToken.None);
        await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Revisions()[0], failing).UpgradeAsync("head", CancellationToken.None));

        await using var connection = await Db.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKeys})", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}

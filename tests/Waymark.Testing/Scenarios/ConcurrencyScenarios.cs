using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// Runs on one database are serialised by the dialect's migration lock. No test here waits for time to pass:
/// each one goes on only once the migrator has reported, through <see cref="Migrator.LockWaiting"/>, that it
/// was refused the lock.
/// </summary>
public abstract class ConcurrencyScenarios : DialectScenarios
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Revision k2 after k1: inserts 20,000 rows into events (n, payload), slow enough that runs overlap.</summary>
    protected abstract Revision InsertManyEvents();

    /// <summary>Takes the migration lock from outside, as another process would, until disposed; null if it is held.</summary>
    protected abstract Task<IAsyncDisposable?> TryHoldLockAsync();

    /// <summary>What <see cref="Migrator.LockWaiting"/> says of the holder when it is another Waymark run.</summary>
    protected abstract string RunningHolderDescriptionPart { get; }

    /// <summary>How a lock-timeout error names the dialect's lock.</summary>
    protected abstract string LockNamePart { get; }

    /// <summary>How a lock-timeout error names a holder taken by <see cref="TryHoldLockAsync"/>, where the dialect can tell.</summary>
    protected virtual string? HolderPart(IAsyncDisposable holder) => null;

    protected Revision[] Revisions() =>
    [
        Rev("k1", null, m => m.CreateTable("events", t =>
        {
            t.Id();
            t.Int("n").NotNull();
            t.Text("payload");
        })),
        InsertManyEvents(),
        Rev("k3", "k2", m => m.AlterColumn("events", "payload", nullable: false, defaultValue: "")),
        Rev("k4", "k3", m => m.AddColumn("events", "kind", ColumnType.String(20), nullable: false, defaultValue: "plain")),
    ];

    protected async Task<IAsyncDisposable> HoldLockAsync() =>
        await TryHoldLockAsync() ?? throw new InvalidOperationException("the migration lock is already held");

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
        Assert.Equal(["k1|upgrade", "k2|upgrade", "k3|upgrade", "k4|upgrade"],
            await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
        Assert.Equal(20000, await Db.CountAsync("events"));
        Assert.Equal(["alembic_version", "events", "waymark_history"], await Db.AllTablesAsync());
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
        using var release = new ManualResetEventSlim();
        var gated = Revisions();
        var create = gated[0];
        // The migration is created once the lock is held: the first run goes on only after the second was refused it.
        gated[0] = create with
        {
            CreateMigration = () =>
            {
                entered.Set();
                if (!release.Wait(Patience))
                    throw new TimeoutException("the second run was never told to wait for the lock");
                return create.CreateMigration();
            },
        };
        var first = Task.Run(() => Db.Migrator(gated).UpgradeAsync("head", CancellationToken.None));
        Assert.True(entered.Wait(Patience));
        var second = Db.Migrator(Revisions());
        string? holder = null;
        second.LockWaiting = description =>
        {
            holder = description;
            release.Set();
        };

        var secondResult = await second.UpgradeAsync("head", CancellationToken.None).WaitAsync(Patience);
        var firstResult = await first;

        Assert.Equal(4, firstResult.Steps.Count);
        Assert.Empty(secondResult.Steps);
        Assert.Equal(["k4"], secondResult.From);
        Assert.NotNull(holder);
        Assert.Contains(RunningHolderDescriptionPart, holder, StringComparison.Ordinal);
        Assert.Equal(4, await Db.CountAsync("waymark_history"));
    }

    [Fact]
    public async Task Waiting_for_the_lock_can_be_cancelled()
    {
        await using (await HoldLockAsync())
        {
            using var cancel = new CancellationTokenSource();
            var migrator = Db.Migrator(Revisions());
            var waited = false;
            // Cancelled from the wait itself, so the cancel provably lands while the run waits.
            migrator.LockWaiting = _ =>
            {
                waited = true;
                cancel.Cancel();
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync("head", cancel.Token).WaitAsync(Patience));

            Assert.True(waited, "the run waited for the lock");
            Assert.Empty(await Db.AllTablesAsync());
        }
    }

    [Fact]
    public async Task The_lock_is_released_after_a_run_even_one_that_failed()
    {
        var failing = Rev("x2", "k1", m => m.Sql("SELECT * FROM no_such_table"));
        await Db.Migrator(Revisions()[0]).UpgradeAsync("head", CancellationToken.None);
        await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Revisions()[0], failing).UpgradeAsync("head", CancellationToken.None));

        var held = await TryHoldLockAsync();

        Assert.NotNull(held);
        await held.DisposeAsync();
    }

    [Fact]
    public async Task A_run_that_cannot_get_the_lock_within_its_timeout_gives_up_naming_the_lock_without_changing_anything()
    {
        var options = ScenarioDatabase.Options with { LockTimeout = TimeSpan.FromSeconds(1) };
        var migrator = Db.Migrator(new RevisionGraph(Revisions()), options);
        await using (var holder = await HoldLockAsync())
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();

            var upgrade = await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
            var stamp = await Assert.ThrowsAsync<MigrationLockTimeoutException>(() => migrator.StampAsync("k2", CancellationToken.None));

            Assert.True(waited.Elapsed >= TimeSpan.FromSeconds(0.9), $"gave up after {waited.Elapsed}, before the timeout");
            Assert.Contains(LockNamePart, upgrade.Message, StringComparison.Ordinal);
            Assert.Contains("gave up after waiting 1 s", upgrade.Message, StringComparison.Ordinal);
            if (HolderPart(holder) is { } named)
                Assert.Contains(named, upgrade.Message, StringComparison.Ordinal);
            Assert.Equal(upgrade.Message, stamp.Message);
            Assert.Empty(await Db.AllTablesAsync());
        }

        await migrator.UpgradeAsync("head", CancellationToken.None);
        Assert.Equal(["k4"], await Db.VersionRowsAsync());
    }
}

using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static Revision[] Revisions() =>
    [
        Rev("k1", null, m => m.CreateTable("events", t =>
        {
            t.Id();
            t.Int("n").NotNull();
            t.Text("payload");
        })),
        // Slow enough that the runs overlap: many rows, then a rebuild that copies them.
        Rev("k2", "k1", m => m.Sql(
            "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 20000) " +
            "INSERT INTO events (n, payload) SELECT i, hex(randomblob(32)) FROM seq")),
        Rev("k3", "k2", m => m.AlterColumn("events", "payload", nullable: false, defaultValue: "")),
        Rev("k4", "k3", m => m.AddColumn("events", "kind", ColumnType.String(20), nullable: false, defaultValue: "plain")),
    ];

    [Fact]
    public async Task Two_migrators_upgrading_the_same_file_at_once_both_succeed_and_apply_each_revision_once()
    {
        var first = _db.Migrator(Revisions());
        var second = _db.Migrator(Revisions());

        var results = await Task.WhenAll(
            Task.Run(() => first.UpgradeAsync("head", CancellationToken.None)),
            Task.Run(() => second.UpgradeAsync("head", CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(["k4"], r.To));
        Assert.Equal(["k1", "k2", "k3", "k4"], results.SelectMany(r => r.Steps).Select(s => s.Step.Revision.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["k1|upgrade", "k2|upgrade", "k3|upgrade", "k4|upgrade"], _db.Rows("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Equal(["k4"], _db.VersionRows());
        Assert.Equal(20000, _db.Count("events"));
        Assert.Empty(_db.LeftoverRebuildTables());
    }

    [Fact]
    public async Task Several_migrators_racing_on_a_database_half_way_up_apply_the_rest_exactly_once()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("k2", CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None))));

        Assert.Equal(["k3", "k4"], results.SelectMany(r => r.Steps).Select(s => s.Step.Revision.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["k1", "k2", "k3", "k4"], _db.Rows("SELECT revision FROM waymark_history ORDER BY id"));
        Assert.Equal(["k4"], _db.VersionRows());
        Assert.Equal(20000, _db.Count("events"));
    }

    [Fact]
    public async Task A_run_that_starts_while_another_holds_the_lock_waits_and_then_finds_nothing_left_to_do()
    {
        using var entered = new ManualResetEventSlim();
        var slow = Revisions();
        var create = slow[0];
        // The migration is created once the lock is held: hold it long enough for the second run to queue up behind it.
        slow[0] = create with
        {
            CreateMigration = () =>
            {
                entered.Set();
                Thread.Sleep(400);
                return create.CreateMigration();
            },
        };
        var first = Task.Run(() => _db.Migrator(slow).UpgradeAsync("head", CancellationToken.None));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));

        var second = await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var firstResult = await first;

        Assert.Equal(4, firstResult.Steps.Count);
        Assert.Empty(second.Steps);
        Assert.Equal(["k4"], second.From);
        Assert.Equal(4, _db.Count("waymark_history"));
    }
}

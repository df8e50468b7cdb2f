using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

/// <summary>
/// PostgreSQL's lock-safety options on SQLite: lock and statement timeouts are accepted and ignored (SQLite has one
/// writer at a time and no lock queue; the migration lock already waits for another run); <c>concurrently</c> is ignored
/// (the index is built in the migration's transaction); <c>NOT VALID</c> is ignored, since adding a constraint rebuilds
/// the table and checks every row, and so validating one makes no SQL.
/// </summary>
public sealed class LockSafetyOptionsTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Lock_and_statement_timeouts_are_accepted_and_ignored_even_far_below_what_the_migration_takes()
    {
        var logger = new CapturingLogger();
        var revisions = new[]
        {
            Rev("s1", null, m => m.CreateTable("numbers", t => t.Int("n"))),
            TimedMigration.Rev("s2", "s1", TimeSpan.FromTicks(1), TimeSpan.FromTicks(1), m => m.Sql(
                "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 50000) INSERT INTO numbers SELECT n FROM s")),
        };
        var options = ScenarioDatabase.Options with { StatementLockTimeout = TimeSpan.FromTicks(1), StatementTimeout = TimeSpan.FromTicks(1), LockRetries = 0 };

        await _db.Migrator(new RevisionGraph(revisions), options, logger).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(50000, await _db.CountAsync("numbers"));
        Assert.DoesNotContain(logger.Statements, s => s.Contains("timeout", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_concurrent_index_is_built_inside_the_migrations_transaction_so_a_later_failure_rolls_it_back()
    {
        Revision[] Chain(string last) =>
        [
            Rev("i1", null, m => m.CreateTable("users", t => t.String("email", 200))),
            Rev("i2", "i1", m => m.CreateIndex("users", ["email"], concurrently: true).Sql(last)),
        ];

        await Assert.ThrowsAsync<MigrationFailedException>(() => _db.Migrator(Chain("SELECT * FROM no_such_table")).UpgradeAsync("head", CancellationToken.None));

        Assert.False(await _db.IndexExistsAsync("ix_users_email"));
        Assert.Equal(["i1"], await _db.VersionRowsAsync());
        await _db.Migrator(Chain("SELECT 1")).UpgradeAsync("head", CancellationToken.None);
        Assert.True(await _db.IndexExistsAsync("ix_users_email"));
    }

    [Fact]
    public async Task Not_valid_is_ignored_because_the_rebuild_checks_every_row_and_validating_makes_no_sql()
    {
        var logger = new CapturingLogger();
        Revision[] chain =
        [
            Rev("v1", null, m => m.CreateTable("orders", t =>
            {
                t.Id();
                t.Int("total");
            })),
            Rev("v2", "v1", m => m.AddCheckConstraint("orders", "ck_orders_total", "total >= 0", notValid: true)),
            Rev("v3", "v2", m => m.ValidateConstraint("orders", "ck_orders_total")),
        ];
        await _db.Migrator(chain).UpgradeAsync("v1", CancellationToken.None);
        await _db.ExecuteAsync("INSERT INTO orders (total) VALUES (-5)");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => _db.Migrator(chain).UpgradeAsync("v2", CancellationToken.None));
        Assert.Contains("CHECK constraint failed: ck_orders_total", error.Message, StringComparison.Ordinal);

        await _db.ExecuteAsync("UPDATE orders SET total = 0");
        var result = await _db.Migrator(new RevisionGraph(chain), ScenarioDatabase.Options, logger).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal([1, 0], result.Steps.Select(s => s.Statements > 0 ? 1 : 0));
        Assert.Equal(["v3"], await _db.VersionRowsAsync());
        Assert.False((await _db.ReadTableAsync("orders")).CheckConstraints.Single().NotValid);
    }
}

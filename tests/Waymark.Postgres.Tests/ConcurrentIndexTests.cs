using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Testing;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>
/// <c>CreateIndex(…, concurrently: true)</c> and <c>DropIndex(…, concurrently: true)</c>: their migration runs outside a
/// transaction, an invalid index left by a failed build is dropped and built again by the next run, and the version
/// record moves only once the index is valid.
/// </summary>
public sealed class ConcurrentIndexTests : DatabaseTest
{
    private static Revision[] Chain() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("email", 200);
        })),
        Rev("r2", "r1", m => m.CreateIndex("users", ["email"], unique: true, concurrently: true),
            m => m.DropIndex("users", "ix_users_email", concurrently: true)),
    ];

    private Task<List<string>> IndexValidityAsync() =>
        Db.RowsAsync("SELECT i.relname, ix.indisvalid FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE i.relname = 'ix_users_email'");

    [Fact]
    public async Task A_unique_index_that_fails_over_duplicate_rows_is_left_invalid_and_unrecorded_then_rebuilt_once_the_rows_are_fixed()
    {
        await Db.Migrator(Chain()).UpgradeAsync("r1", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (email) VALUES ('a@example.com'), ('a@example.com'), ('b@example.com')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Chain()).UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Contains("[SQLSTATE 23505]", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"ix_users_email\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(["ix_users_email|false"], await IndexValidityAsync());
        Assert.Equal(["r1"], await Db.VersionRowsAsync());

        await Db.ExecuteAsync("DELETE FROM users WHERE id = (SELECT max(id) FROM users WHERE email = 'a@example.com')");
        var logger = new CapturingLogger();
        var result = await Db.Migrator(new RevisionGraph(Chain()), logger: logger).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], result.To);
        Assert.Equal(["ix_users_email|true"], await IndexValidityAsync());
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Equal(
            ["DROP INDEX CONCURRENTLY IF EXISTS \"ix_users_email\"", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"ix_users_email\" ON \"users\" (\"email\")"],
            logger.Statements.Where(s => s.Contains("ix_users_email", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_concurrent_drop_runs_outside_a_transaction_and_drops_the_index()
    {
        await Db.Migrator(Chain()).UpgradeAsync("head", CancellationToken.None);

        await Db.Migrator(Chain()).DowngradeAsync("r1", CancellationToken.None);

        Assert.Empty(await IndexValidityAsync());
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task An_offline_script_runs_the_concurrent_build_outside_any_transaction_and_psql_applies_it()
    {
        var script = await new OfflineScriptWriter(new RevisionGraph(Chain()), new PostgresDialect(), ScenarioDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        var r2 = script[script.IndexOf("-- upgrade r1 -> r2", StringComparison.Ordinal)..];
        Assert.DoesNotContain("BEGIN;", r2, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"ix_users_email\" ON \"users\" (\"email\");\nUPDATE \"alembic_version\"",
            r2.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await Psql.RunAsync(Db.ConnectionString, script);
        Assert.Equal(["ix_users_email|true"], await IndexValidityAsync());
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }
}

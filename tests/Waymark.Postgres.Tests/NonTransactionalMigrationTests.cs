using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>A migration that declares itself non-transactional (CREATE INDEX CONCURRENTLY): its documented behaviour on success and failure.</summary>
public sealed class NonTransactionalMigrationTests : DatabaseTest
{
    private static Revision Base() => Rev("r1", null, m => m.CreateTable("users", t =>
    {
        t.Id();
        t.String("email", 200);
    }), m => m.DropTable("users"));

    [Fact]
    public async Task A_non_transactional_migration_can_create_an_index_concurrently_and_records_its_version_and_history()
    {
        await Db.Migrator(Base()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (email) SELECT 'user' || i || '@example.com' FROM generate_series(1, 1000) i");
        var concurrently = NonTransactionalRev("r2", "r1",
            m => m.Sql("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)"),
            m => m.Sql("DROP INDEX CONCURRENTLY ix_users_email"));

        var result = await Db.Migrator(Base(), concurrently).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Equal(1, await Db.ScalarAsync("SELECT count(*) FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE i.relname = 'ix_users_email' AND ix.indisvalid"));
        Assert.Equal(["r1|upgrade", "r2|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Equal(64, await Db.ScalarAsync("SELECT length(checksum) FROM waymark_history WHERE revision = 'r2'"));

        await Db.Migrator(Base(), concurrently).DowngradeAsync("-1", CancellationToken.None);

        Assert.False(await Db.IndexExistsAsync("ix_users_email"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Create_index_concurrently_in_a_transactional_migration_fails_with_sqlstate_25001_and_is_rolled_back()
    {
        var inTransaction = Rev("r2", "r1", m => m
            .CreateTable("events", t => t.Id())
            .Sql("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)"));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Base(), inTransaction).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 25001]", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONCURRENTLY", error.Message, StringComparison.Ordinal);
        Assert.False(await Db.TableExistsAsync("events"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task A_non_transactional_migration_that_fails_keeps_the_statements_before_the_failure_and_the_previous_version()
    {
        var migrator = Db.Migrator(Base(), NonTransactionalRev("r2", "r1", m => m
            .CreateTable("events", t => t.Id())
            .Sql("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)")
            .Sql("CREATE INDEX CONCURRENTLY ix_missing ON no_such_table (x)")));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_missing ON no_such_table (x)", error.Statement);
        Assert.Equal(2, error.LeftApplied.Count);
        Assert.StartsWith("CREATE TABLE \"events\"", error.LeftApplied[0], StringComparison.Ordinal);
        Assert.Equal("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)", error.LeftApplied[1]);
        Assert.Contains("[SQLSTATE 42P01]", error.Message, StringComparison.Ordinal);
        Assert.Contains("not transactional", error.Message, StringComparison.Ordinal);
        Assert.Contains("what ran before the failure stays applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("still says r1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Left behind (2 statement(s))", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY ix_users_email ON users (email);", error.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", error.Message, StringComparison.Ordinal);
        Assert.True(await Db.TableExistsAsync("events"), "the statements before the failure stay applied, as documented");
        Assert.True(await Db.IndexExistsAsync("ix_users_email"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Equal(["r1"], await Db.RowsAsync("SELECT revision FROM waymark_history"));
    }

    [Fact]
    public async Task A_non_transactional_migration_whose_first_statement_fails_says_nothing_is_left_behind()
    {
        var migrator = Db.Migrator(Base(), NonTransactionalRev("r2", "r1", m => m
            .Sql("CREATE INDEX CONCURRENTLY ix_missing ON no_such_table (x)")
            .CreateTable("events", t => t.Id())));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Empty(error.LeftApplied);
        Assert.Contains("nothing of it is left behind", error.Message, StringComparison.Ordinal);
        Assert.False(await Db.TableExistsAsync("events"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }
}

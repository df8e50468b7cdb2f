using Waymark.Execution;
using Waymark.Revisions;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>A migration that declares itself non-transactional: its documented behaviour on success and failure.</summary>
public abstract class NonTransactionalScenarios : DialectScenarios
{
    /// <summary>How this dialect creates an index outside a transaction (PostgreSQL's <c>CREATE INDEX CONCURRENTLY</c>).</summary>
    protected abstract string CreateIndex { get; }

    /// <summary>How this dialect drops an index outside a transaction.</summary>
    protected abstract string DropIndex { get; }

    /// <summary>What a failure message says of a missing table <c>no_such_table</c> on this dialect.</summary>
    protected abstract string MissingTableMessagePart { get; }

    /// <summary>Asserts that <paramref name="index"/> exists and is usable (a concurrent build can leave an invalid one).</summary>
    protected abstract Task AssertIndexIsValidAsync(string index);

    protected static Revision Base() => Rev("r1", null, m => m.CreateTable("users", t =>
    {
        t.Id();
        t.String("email", 200);
    }), m => m.DropTable("users"));

    [Fact]
    public async Task A_non_transactional_migration_can_create_an_index_outside_a_transaction_and_records_its_version_and_history()
    {
        await Db.Migrator(Base()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
            + "INSERT INTO users (email) SELECT 'user' || i || '@example.com' FROM n");
        var outside = NonTransactionalRev("r2", "r1",
            m => m.CreateTable("events", t => t.Id()).Sql($"{CreateIndex} ix_users_email ON users (email)"),
            m => m.Sql($"{DropIndex} ix_users_email").DropTable("events"));

        var result = await Db.Migrator(Base(), outside).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.True(await Db.TableExistsAsync("events"));
        await AssertIndexIsValidAsync("ix_users_email");
        Assert.Equal(["r1|upgrade", "r2|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
        Assert.Equal(64, await Db.ScalarAsync("SELECT length(checksum) FROM waymark_history WHERE revision = 'r2'"));

        await Db.Migrator(Base(), outside).DowngradeAsync("-1", CancellationToken.None);

        Assert.False(await Db.IndexExistsAsync("ix_users_email"));
        Assert.False(await Db.TableExistsAsync("events"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task A_non_transactional_migration_that_fails_keeps_the_statements_before_the_failure_and_the_previous_version()
    {
        var failing = $"{CreateIndex} ix_missing ON no_such_table (x)";
        var migrator = Db.Migrator(Base(), NonTransactionalRev("r2", "r1", m => m
            .CreateTable("events", t => t.Id())
            .Sql($"{CreateIndex} ix_users_email ON users (email)")
            .Sql(failing)));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        Assert.Equal(failing, error.Statement);
        Assert.Equal(2, error.LeftApplied.Count);
        Assert.StartsWith("CREATE TABLE \"events\"", error.LeftApplied[0], StringComparison.Ordinal);
        Assert.Equal($"{CreateIndex} ix_users_email ON users (email)", error.LeftApplied[1]);
        Assert.Contains(MissingTableMessagePart, error.Message, StringComparison.Ordinal);
        Assert.Contains("not transactional", error.Message, StringComparison.Ordinal);
        Assert.Contains("what ran before the failure stays applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("still says r1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Left behind (2 statement(s))", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{CreateIndex} ix_users_email ON users (email);", error.Message, StringComparison.Ordinal);
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
            .Sql($"{CreateIndex} ix_missing ON no_such_table (x)")
            .CreateTable("events", t => t.Id())));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Empty(error.LeftApplied);
        Assert.Contains("nothing of it is left behind", error.Message, StringComparison.Ordinal);
        Assert.False(await Db.TableExistsAsync("events"));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }
}

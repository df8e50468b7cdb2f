using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

public sealed class PostgresAtomicityTests : AtomicityScenarios
{
    protected override IReadOnlyList<string> MissingTableMessageParts => ["relation \"no_such_table\" does not exist", "[SQLSTATE 42P01]"];

    protected override string NotNullViolationMessagePart => "[SQLSTATE 23502]";

    protected override string TableExistsMessagePart => "[SQLSTATE 42P07]";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    protected override void AssertMissingTableError(Exception? inner)
    {
        var postgres = Assert.IsType<PostgresException>(inner);
        Assert.Equal(PostgresErrorCodes.UndefinedTable, postgres.SqlState);
    }

    protected override void AssertNotNullFailureStatement(string? statement) =>
        Assert.Equal("ALTER TABLE \"users\" ALTER COLUMN \"name\" SET NOT NULL", statement);

    [Fact]
    public async Task A_migration_that_fails_after_several_steps_keeps_the_steps_that_completed()
    {
        var revisions = new[]
        {
            CreateUsers(),
            Rev("r2", "r1", m => m.CreateTable("posts", t => t.Id())),
            Rev("r3", "r2", m => m.CreateTable("tags", t => t.Id()).Sql("SELECT 1 / 0")),
        };

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None));

        Assert.Equal("r3", error.RevisionId);
        Assert.Contains("[SQLSTATE 22012]", error.Message, StringComparison.Ordinal);
        Assert.Contains("still at r2", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.True(await Db.TableExistsAsync("posts"));
        Assert.False(await Db.TableExistsAsync("tags"));
        Assert.Equal(["r1", "r2"], await Db.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
    }
}

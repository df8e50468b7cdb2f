using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>The shared non-transactional scenarios on PostgreSQL, with CREATE INDEX CONCURRENTLY.</summary>
public sealed class PostgresNonTransactionalMigrationTests : NonTransactionalScenarios
{
    protected override string CreateIndex => "CREATE INDEX CONCURRENTLY";

    protected override string DropIndex => "DROP INDEX CONCURRENTLY";

    protected override string MissingTableMessagePart => "[SQLSTATE 42P01]";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    protected override async Task AssertIndexIsValidAsync(string index) => Assert.Equal(1, await Db.ScalarAsync(
        $"SELECT count(*) FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid WHERE i.relname = '{index}' AND ix.indisvalid"));

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
}

using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

/// <summary>A migration that declares itself non-transactional: its documented behaviour on success and failure.</summary>
public sealed class NonTransactionalMigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private sealed class OutsideTransaction(Action<MigrationBuilder> upgrade) : Migration
    {
        public override bool IsTransactional => false;

        public override void Upgrade(MigrationBuilder migrate) => upgrade(migrate);

        public override void Downgrade(MigrationBuilder migrate) => migrate.DropTable("events");
    }

    private static Revision Base() => Rev("r1", null, m => m.CreateTable("users", t => t.Id()), m => m.DropTable("users"));

    private static Revision NonTransactional(Action<MigrationBuilder> upgrade) =>
        new("r2", ["r1"], "outside a transaction", "r2_outside.cs", () => new OutsideTransaction(upgrade));

    [Fact]
    public async Task A_non_transactional_migration_that_succeeds_records_its_version_and_history_like_any_other()
    {
        var migrator = _db.Migrator(Base(), NonTransactional(m => m.CreateTable("events", t => t.Id())));

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], _db.VersionRows());
        Assert.True(_db.TableExists("events"));
        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM waymark_history WHERE direction = 'upgrade'"));
    }

    [Fact]
    public async Task A_non_transactional_migration_that_fails_keeps_the_statements_before_the_failure_and_the_previous_version()
    {
        var migrator = _db.Migrator(Base(), NonTransactional(m => m
            .CreateTable("events", t => t.Id())
            .Sql("SELECT * FROM no_such_table")));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.False(error.RolledBack);
        Assert.Contains("not transactional", error.Message, StringComparison.Ordinal);
        Assert.Contains("still says r1", error.Message, StringComparison.Ordinal);
        Assert.True(_db.TableExists("events"), "the statement before the failure stays applied, as documented");
        Assert.Equal(["r1"], _db.VersionRows());
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM waymark_history"));
    }
}

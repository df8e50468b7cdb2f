using Waymark.Execution;
using Waymark.Revisions;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// A version table that Waymark did not make, or that someone edited by hand, is refused with a message that says
/// what is wrong with it, and nothing is changed: guessing would move the record of an unknown schema.
/// </summary>
public abstract class VersionTableScenarios : DialectScenarios
{
    private static Revision[] Revisions() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("name", 100);
        })),
        Rev("r2", "r1", m => m.DropColumn("users", "name")),
    ];

    [Fact]
    public async Task A_version_table_of_an_unexpected_shape_is_refused_with_a_clear_message_and_left_alone()
    {
        await Db.ExecuteAsync("CREATE TABLE alembic_version (id int)");
        await Db.ExecuteAsync("INSERT INTO alembic_version VALUES (7)");
        var migrator = Db.Migrator(Revisions());

        var upgrade = await Assert.ThrowsAsync<VersionTableShapeException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
        var current = await Assert.ThrowsAsync<VersionTableShapeException>(() => migrator.GetCurrentAsync(CancellationToken.None));

        Assert.Equal("alembic_version", upgrade.Table);
        Assert.Contains("The version table 'alembic_version' is not as expected: it has no version_num column (columns: id)",
            upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("one column version_num with one row per current head", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("db stamp", upgrade.Message, StringComparison.Ordinal);
        Assert.Equal(upgrade.Message, current.Message);
        Assert.Equal(["alembic_version"], await Db.AllTablesAsync());
        Assert.Equal(["7"], await Db.RowsAsync("SELECT id FROM alembic_version"));
    }

    [Fact]
    public async Task A_version_table_whose_row_cannot_be_moved_on_is_refused_and_the_migration_rolled_back()
    {
        // Two rows naming one revision (no primary key): moving on would update both.
        await Db.ExecuteAsync("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)");
        await Db.ExecuteAsync("INSERT INTO alembic_version VALUES ('r1'), ('r1')");
        await Db.ExecuteAsync("CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100))");

        var error = await Assert.ThrowsAsync<VersionTableShapeException>(() => Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("changed 2 rows instead of 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = 'r2' WHERE version_num = 'r1'", error.Message, StringComparison.Ordinal);
        Assert.NotNull((await Db.ReadTableAsync("users")).FindColumn("name"));
        Assert.Equal(["r1", "r1"], await Db.VersionRowsAsync());
    }
}

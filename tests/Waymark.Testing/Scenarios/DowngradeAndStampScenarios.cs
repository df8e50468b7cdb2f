using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>Downgrading and stamping a database, as every dialect must do it.</summary>
public abstract class DowngradeAndStampScenarios : DialectScenarios
{
    private static readonly string[] _history = ["waymark_history"];

    protected static Revision[] Revisions() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("email", 200).NotNull().Unique();
        }), m => m.DropTable("users")),
        Rev("r2", "r1", m => m.CreateTable("posts", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull().Indexed();
        }), m => m.DropTable("posts")),
        Rev("r3", "r2", m => m.AddColumn("users", "display_name", ColumnType.String(100), nullable: false, defaultValue: "anonymous"),
            m => m.DropColumn("users", "display_name")),
    ];

    private async Task AtHeadWithRowsAsync()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (email, display_name) VALUES ('a@x', 'Ann'), ('b@x', 'Bob')");
        await Db.ExecuteAsync("INSERT INTO posts (user_id) VALUES (1), (1), (2)");
    }

    [Fact]
    public async Task Downgrading_minus_one_undoes_only_the_newest_revision_and_keeps_rows()
    {
        await AtHeadWithRowsAsync();

        var result = await Db.Migrator(Revisions()).DowngradeAsync("-1", CancellationToken.None);

        Assert.Equal(["r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r2"], result.To);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Null((await Db.ReadTableAsync("users")).FindColumn("display_name"));
        Assert.Equal(["1|a@x", "2|b@x"], await Db.RowsAsync("SELECT id, email FROM users ORDER BY id"));
        Assert.Equal(3, await Db.CountAsync("posts"));
        Assert.Equal(["r3|downgrade|r3|64|tester@test-host"],
            await Db.RowsAsync("SELECT revision, direction, from_versions, length(checksum), applied_by FROM waymark_history ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task Downgrading_to_base_undoes_every_revision_newest_first_and_empties_the_version_table()
    {
        await AtHeadWithRowsAsync();

        var result = await Db.Migrator(Revisions()).DowngradeAsync("base", CancellationToken.None);

        Assert.Equal(["r3", "r2", "r1"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Empty(result.To);
        Assert.Empty(await Db.VersionRowsAsync());
        Assert.Empty(await Db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        Assert.False(await Db.TableExistsAsync("users"));
        Assert.False(await Db.TableExistsAsync("posts"));
        Assert.Equal(["alembic_version", "waymark_history"], await Db.AllTablesAsync());
        Assert.Equal(
            ["r1|upgrade|", "r2|upgrade|r1", "r3|upgrade|r2", "r3|downgrade|r3", "r2|downgrade|r2", "r1|downgrade|r1"],
            await Db.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task Downgrading_then_upgrading_again_restores_the_same_schema()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var atHead = await Db.ReadSchemaAsync();

        await Db.Migrator(Revisions()).DowngradeAsync("r1", CancellationToken.None);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);

        var again = await Db.ReadSchemaAsync();
        Assert.Equal(atHead.Without(_history).ToString(), again.Without(_history).ToString());
        Assert.Equal(atHead, again);
    }

    [Fact]
    public async Task Downgrading_below_base_is_refused_without_changing_anything()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);

        await Assert.ThrowsAsync<TargetOutOfRangeException>(() => Db.Migrator(Revisions()).DowngradeAsync("-2", CancellationToken.None));

        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.True(await Db.TableExistsAsync("users"));
        Assert.Equal(1, await Db.CountAsync("waymark_history"));
    }

    [Fact]
    public async Task Stamping_a_revision_on_a_new_database_records_it_without_running_any_migration()
    {
        var after = await Db.Migrator(Revisions()).StampAsync("r2", CancellationToken.None);

        Assert.Equal(["r2"], after);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.False(await Db.TableExistsAsync("users"));
        Assert.Equal(["r2|stamp||NULL|tester@test-host"], await Db.RowsAsync("SELECT revision, direction, from_versions, checksum, applied_by FROM waymark_history"));
    }

    [Fact]
    public async Task Stamping_base_clears_the_version_rows_and_keeps_the_tables()
    {
        await AtHeadWithRowsAsync();

        var after = await Db.Migrator(Revisions()).StampAsync("base", CancellationToken.None);

        Assert.Empty(after);
        Assert.Empty(await Db.VersionRowsAsync());
        Assert.Empty(await Db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        Assert.Equal(2, await Db.CountAsync("users"));
        Assert.Equal(["NULL|stamp|r3"], await Db.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'stamp'"));
    }

    [Fact]
    public async Task Stamping_replaces_a_revision_no_script_declares()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("UPDATE alembic_version SET version_num = 'f00dfeed'");
        Assert.Equal(["f00dfeed"], await Db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<UnknownDatabaseRevisionException>(() => Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None));
        Assert.Contains("f00dfeed", unknown.Message, StringComparison.Ordinal);

        var after = await Db.Migrator(Revisions()).StampAsync("r3", CancellationToken.None);

        Assert.Equal(["r3"], after);
        Assert.Equal(["r3"], await Db.VersionRowsAsync());
        Assert.Equal(["r3|stamp|f00dfeed"], await Db.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'stamp'"));
        var nothing = await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        Assert.Empty(nothing.Steps);
    }

    [Fact]
    public async Task Stamping_base_clears_a_revision_no_script_declares()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        await Db.ExecuteAsync("UPDATE alembic_version SET version_num = 'gone'");

        var after = await Db.Migrator(Revisions()).StampAsync("base", CancellationToken.None);

        Assert.Empty(after);
        Assert.Empty(await Db.VersionRowsAsync());
        Assert.Equal(["NULL|stamp|gone"], await Db.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'stamp'"));
    }

    [Fact]
    public async Task Upgrading_after_a_stamp_runs_only_the_revisions_above_it()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        await Db.ExecuteAsync("CREATE TABLE posts (id bigint PRIMARY KEY)");
        await Db.Migrator(Revisions()).StampAsync("r2", CancellationToken.None);

        var result = await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r3"], await Db.VersionRowsAsync());
    }
}

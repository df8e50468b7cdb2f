using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Sqlite.Tests.Support.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class DowngradeAndStampTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static Revision[] Revisions() =>
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
        await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        _db.Execute("INSERT INTO users (email, display_name) VALUES ('a@x', 'Ann'), ('b@x', 'Bob')");
        _db.Execute("INSERT INTO posts (user_id) VALUES (1), (1), (2)");
    }

    [Fact]
    public async Task Downgrading_minus_one_undoes_only_the_newest_revision_and_keeps_rows()
    {
        await AtHeadWithRowsAsync();

        var result = await _db.Migrator(Revisions()).DowngradeAsync("-1", CancellationToken.None);

        Assert.Equal(["r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r2"], result.To);
        Assert.Equal(["r2"], _db.VersionRows());
        Assert.Null((await _db.ReadTableAsync("users")).FindColumn("display_name"));
        Assert.Equal(["1|a@x", "2|b@x"], _db.Rows("SELECT id, email FROM users ORDER BY id"));
        Assert.Equal(3, _db.Count("posts"));
        var last = _db.Rows("SELECT revision, direction, from_versions, length(checksum) FROM waymark_history ORDER BY id DESC LIMIT 1");
        Assert.Equal(["r3|downgrade|r3|64"], last);
    }

    [Fact]
    public async Task Downgrading_to_base_undoes_every_revision_newest_first_and_empties_the_version_table()
    {
        await AtHeadWithRowsAsync();

        var result = await _db.Migrator(Revisions()).DowngradeAsync("base", CancellationToken.None);

        Assert.Equal(["r3", "r2", "r1"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Empty(result.To);
        Assert.Empty(_db.VersionRows());
        Assert.Empty(await _db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        Assert.False(_db.TableExists("users"));
        Assert.False(_db.TableExists("posts"));
        Assert.Equal(
            ["r1|upgrade|", "r2|upgrade|r1", "r3|upgrade|r2", "r3|downgrade|r3", "r2|downgrade|r2", "r1|downgrade|r1"],
            _db.Rows("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task Downgrading_then_upgrading_again_restores_the_same_schema()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var atHead = await _db.ReadSchemaAsync();

        await _db.Migrator(Revisions()).DowngradeAsync("r1", CancellationToken.None);
        Assert.Equal(["r1"], _db.VersionRows());
        await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);

        var again = await _db.ReadSchemaAsync();
        Assert.Equal(atHead.Without(["waymark_history"]).ToString(), again.Without(["waymark_history"]).ToString());
        Assert.Equal(atHead, again);
    }

    [Fact]
    public async Task Downgrading_below_base_is_refused_without_changing_anything()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);

        await Assert.ThrowsAsync<TargetOutOfRangeException>(() => _db.Migrator(Revisions()).DowngradeAsync("-2", CancellationToken.None));

        Assert.Equal(["r1"], _db.VersionRows());
        Assert.True(_db.TableExists("users"));
    }

    [Fact]
    public async Task Stamping_a_revision_on_a_new_database_records_it_without_running_any_migration()
    {
        var after = await _db.Migrator(Revisions()).StampAsync("r2", CancellationToken.None);

        Assert.Equal(["r2"], after);
        Assert.Equal(["r2"], _db.VersionRows());
        Assert.False(_db.TableExists("users"));
        Assert.Equal(["r2|stamp||NULL"], _db.Rows("SELECT revision, direction, from_versions, checksum FROM waymark_history"));
    }

    [Fact]
    public async Task Stamping_base_clears_the_version_rows_and_keeps_the_tables()
    {
        await AtHeadWithRowsAsync();

        var after = await _db.Migrator(Revisions()).StampAsync("base", CancellationToken.None);

        Assert.Empty(after);
        Assert.Empty(_db.VersionRows());
        Assert.Empty(await _db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        Assert.Equal(2, _db.Count("users"));
        Assert.Equal(["NULL|stamp|r3"], _db.Rows("SELECT coalesce(revision, 'NULL'), direction, from_versions FROM waymark_history WHERE direction = 'stamp'"));
    }

    [Fact]
    public async Task Stamping_replaces_a_revision_no_script_declares()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        _db.Execute("UPDATE alembic_version SET version_num = 'f00dfeed'");
        Assert.Equal(["f00dfeed"], await _db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<UnknownDatabaseRevisionException>(() => _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None));
        Assert.Contains("f00dfeed", unknown.Message, StringComparison.Ordinal);

        var after = await _db.Migrator(Revisions()).StampAsync("r3", CancellationToken.None);

        Assert.Equal(["r3"], after);
        Assert.Equal(["r3"], _db.VersionRows());
        Assert.Equal(["r3|stamp|f00dfeed"], _db.Rows("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'stamp'"));
        var nothing = await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        Assert.Empty(nothing.Steps);
    }

    [Fact]
    public async Task Stamping_base_clears_a_revision_no_script_declares()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        _db.Execute("UPDATE alembic_version SET version_num = 'gone'");

        var after = await _db.Migrator(Revisions()).StampAsync("base", CancellationToken.None);

        Assert.Empty(after);
        Assert.Empty(_db.VersionRows());
    }

    [Fact]
    public async Task Upgrading_after_a_stamp_runs_only_the_revisions_above_it()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        _db.Execute("CREATE TABLE posts (id INTEGER PRIMARY KEY)");
        await _db.Migrator(Revisions()).StampAsync("r2", CancellationToken.None);

        var result = await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r3"], _db.VersionRows());
    }

    [Fact]
    public async Task Reading_the_current_revision_of_a_missing_file_returns_nothing_and_creates_no_file()
    {
        var current = await _db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None);

        Assert.Empty(current);
        Assert.False(_db.Exists);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_db.DirectoryPath));
    }

    [Fact]
    public async Task Reading_the_current_revision_of_a_file_without_a_version_table_returns_nothing_and_changes_nothing()
    {
        _db.Execute("CREATE TABLE other (id INTEGER PRIMARY KEY)");
        var before = await File.ReadAllBytesAsync(_db.FilePath);

        var current = await _db.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None);

        Assert.Empty(current);
        Assert.False(_db.TableExists("alembic_version"));
        Assert.Equal(before, await File.ReadAllBytesAsync(_db.FilePath));
    }
}

using System.Text.RegularExpressions;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Sqlite.Tests.Support.Chain;

namespace Waymark.Sqlite.Tests;

public sealed partial class UpgradeTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static Revision[] ThreeRevisions() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("email", 200).NotNull().Unique();
        }), m => m.DropTable("users"), "create users"),
        Rev("r2", "r1", m => m.CreateTable("posts", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.Text("title");
        }), m => m.DropTable("posts"), "create posts"),
        Rev("r3", "r2", m => m.AddColumn("users", "display_name", ColumnType.String(100)),
            m => m.DropColumn("users", "display_name"), "add display name"),
    ];

    [Fact]
    public async Task Upgrading_to_head_applies_each_pending_revision_in_order()
    {
        var migrator = _db.Migrator(ThreeRevisions());
        var completed = new List<string>();
        migrator.StepCompleted = step => completed.Add(step.Step.Revision.Id);

        var result = await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r1", "r2", "r3"], completed);
        Assert.Equal(["r1", "r2", "r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Empty(result.From);
        Assert.Equal(["r3"], result.To);
        Assert.True(_db.TableExists("users"));
        Assert.True(_db.TableExists("posts"));
        Assert.NotNull((await _db.ReadTableAsync("users")).FindColumn("display_name"));
    }

    [Fact]
    public async Task Upgrading_to_head_leaves_one_version_row_naming_the_head()
    {
        await _db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r3"], _db.VersionRows());
        Assert.Equal(["r3"], await _db.Migrator(ThreeRevisions()).GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upgrading_records_one_history_row_per_step_with_direction_checksum_applied_by_and_tool_version()
    {
        var result = await _db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        var rows = _db.Rows("SELECT revision, direction, from_versions, checksum, applied_by, tool_version, duration_ms, started_at FROM waymark_history ORDER BY id");
        Assert.Equal(3, rows.Count);
        var expected = new[] { ("r1", ""), ("r2", "r1"), ("r3", "r2") };
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Split('|');
            Assert.Equal(expected[i].Item1, cells[0]);
            Assert.Equal("upgrade", cells[1]);
            Assert.Equal(expected[i].Item2, cells[2]);
            Assert.Matches(Sha256Hex(), cells[3]);
            Assert.Equal(result.Steps[i].Checksum, cells[3]);
            Assert.Equal("tester@test-host", cells[4]);
            Assert.StartsWith("waymark ", cells[5], StringComparison.Ordinal);
            Assert.True(long.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture) >= 0);
            Assert.NotEqual("NULL", cells[7]);
        }
        // Different SQL, different checksums.
        Assert.Equal(3, rows.Select(r => r.Split('|')[3]).Distinct().Count());
    }

    [Fact]
    public async Task Upgrading_again_at_head_does_nothing_and_records_nothing()
    {
        await _db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        var again = await _db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Empty(again.Steps);
        Assert.Equal(["r3"], again.From);
        Assert.Equal(3, _db.Count("waymark_history"));
        Assert.Equal(["r3"], _db.VersionRows());
    }

    [Fact]
    public async Task Upgrading_from_a_middle_revision_applies_only_the_pending_ones()
    {
        await _db.Migrator(ThreeRevisions()).UpgradeAsync("r1", CancellationToken.None);
        Assert.Equal(["r1"], _db.VersionRows());
        Assert.False(_db.TableExists("posts"));

        var result = await _db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2", "r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r1"], result.From);
        Assert.Equal(["r1", "r2", "r3"], _db.Rows("SELECT revision FROM waymark_history ORDER BY id"));
        Assert.Equal(["r3"], _db.VersionRows());
    }

    [Fact]
    public async Task Upgrading_plus_one_applies_exactly_one_revision()
    {
        await _db.Migrator(ThreeRevisions()).UpgradeAsync("+1", CancellationToken.None);
        await _db.Migrator(ThreeRevisions()).UpgradeAsync("+1", CancellationToken.None);

        Assert.Equal(["r2"], _db.VersionRows());
        Assert.Equal(2, _db.Count("waymark_history"));
    }

    [Fact]
    public async Task Upgrading_runs_data_statements_with_their_parameters()
    {
        var revisions = ThreeRevisions().Append(Rev("r4", "r3", m => m.Execute(
            "INSERT INTO users (email, display_name) VALUES (@email, @name)", ("email", "o'brien@example.com"), ("name", null))));

        await _db.Migrator([.. revisions]).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["o'brien@example.com|NULL"], _db.Rows("SELECT email, display_name FROM users"));
    }

    [Fact]
    public async Task Migrations_declared_with_revision_attributes_upgrade_like_any_other()
    {
        var graph = new RevisionGraph(
        [
            RevisionLoader.FromType(typeof(AttributedCreateTags), typeof(AttributedCreateTags).GetCustomAttributes(typeof(RevisionAttribute), false).Cast<RevisionAttribute>().Single()),
            RevisionLoader.FromType(typeof(AttributedAddTagColour), typeof(AttributedAddTagColour).GetCustomAttributes(typeof(RevisionAttribute), false).Cast<RevisionAttribute>().Single()),
        ]);

        await _db.Migrator(graph).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["t2"], _db.VersionRows());
        var tags = await _db.ReadTableAsync("tags");
        Assert.Equal(["id", "name", "colour"], tags.Columns.Select(c => c.Name));
        Assert.Equal(["t1|upgrade", "t2|upgrade"], _db.Rows("SELECT revision, direction FROM waymark_history ORDER BY id"));
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

[Revision("t1", Message = "create tags")]
public sealed class AttributedCreateTags : Migration
{
    public override void Upgrade(MigrationBuilder migrate) => migrate.CreateTable("tags", t =>
    {
        t.Id();
        t.String("name", 50).NotNull().Unique();
    });

    public override void Downgrade(MigrationBuilder migrate) => migrate.DropTable("tags");
}

[Revision("t2", DownRevision = "t1", Message = "add tag colour")]
public sealed class AttributedAddTagColour : Migration
{
    public override void Upgrade(MigrationBuilder migrate) => migrate.AddColumn("tags", "colour", ColumnType.String(7), nullable: false, defaultValue: "#000000");

    public override void Downgrade(MigrationBuilder migrate) => migrate.DropColumn("tags", "colour");
}

using System.Text.RegularExpressions;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>Upgrading a database, as every dialect must do it.</summary>
public abstract partial class UpgradeScenarios : DialectScenarios
{
    /// <summary>How the dialect reports alembic_version.version_num's type.</summary>
    protected abstract ColumnType VersionColumnType { get; }

    /// <summary>How the dialect reports waymark_history.started_at's native type.</summary>
    protected abstract string StartedAtNativeType { get; }

    /// <summary>A count of the history rows whose started_at is not within ten minutes before now (in UTC).</summary>
    protected abstract string HistoryRowsNotStartedRecentlySql { get; }

    /// <summary>A select expression writing the timestamp column <c>joined_at</c> as <c>yyyy-MM-dd HH:mm:ss</c> in UTC.</summary>
    protected abstract string JoinedAtAsTextSql { get; }

    /// <summary>How a stored true reads back through <see cref="ScenarioDatabase.RowsAsync"/>.</summary>
    protected abstract string StoredTrue { get; }

    protected static Revision[] ThreeRevisions() =>
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
        var migrator = Db.Migrator(ThreeRevisions());
        var completed = new List<string>();
        migrator.StepCompleted = step => completed.Add(step.Step.Revision.Id);

        var result = await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r1", "r2", "r3"], completed);
        Assert.Equal(["r1", "r2", "r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Empty(result.From);
        Assert.Equal(["r3"], result.To);
        Assert.True(await Db.TableExistsAsync("users"));
        Assert.True(await Db.TableExistsAsync("posts"));
        Assert.NotNull((await Db.ReadTableAsync("users")).FindColumn("display_name"));
    }

    [Fact]
    public async Task Upgrading_to_head_leaves_one_version_row_naming_the_head()
    {
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r3"], await Db.VersionRowsAsync());
        Assert.Equal(["r3"], await Db.Migrator(ThreeRevisions()).GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upgrading_records_one_history_row_per_step_with_direction_checksum_applied_by_and_tool_version()
    {
        var result = await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        var rows = await Db.RowsAsync("SELECT revision, direction, from_versions, checksum, applied_by, tool_version, duration_ms, started_at FROM waymark_history ORDER BY id");
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
        // started_at is a real point in time, recorded in UTC.
        Assert.Equal(0, await Db.ScalarAsync(HistoryRowsNotStartedRecentlySql));
    }

    [Fact]
    public async Task The_bookkeeping_tables_have_alembics_version_table_shape_and_an_identity_keyed_history()
    {
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        var version = await Db.ReadTableAsync("alembic_version");
        Assert.Equal([new ColumnDefinition("version_num", VersionColumnType, Nullable: false)], version.Columns);
        Assert.Equal(new PrimaryKeyDefinition("alembic_version_pkc", ["version_num"]), version.PrimaryKey);
        var history = await Db.ReadTableAsync("waymark_history");
        Assert.Equal(
            ["id", "revision", "direction", "from_versions", "checksum", "started_at", "duration_ms", "applied_by", "tool_version", "operations_checksum", "waymark_version"],
            history.Columns.Select(c => c.Name));
        Assert.True(history.GetColumn("id").Identity);
        Assert.Equal(StartedAtNativeType, history.GetColumn("started_at").Type.NativeSql);
        Assert.Equal(new PrimaryKeyDefinition("pk_waymark_history", ["id"]), history.PrimaryKey);
    }

    [Fact]
    public async Task Upgrading_again_at_head_does_nothing_and_records_nothing()
    {
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        var again = await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Empty(again.Steps);
        Assert.Equal(["r3"], again.From);
        Assert.Equal(3, await Db.CountAsync("waymark_history"));
        Assert.Equal(["r3"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Upgrading_from_a_middle_revision_applies_only_the_pending_ones()
    {
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("r1", CancellationToken.None);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.False(await Db.TableExistsAsync("posts"));

        var result = await Db.Migrator(ThreeRevisions()).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2", "r3"], result.Steps.Select(s => s.Step.Revision.Id));
        Assert.Equal(["r1"], result.From);
        Assert.Equal(["r1", "r2", "r3"], await Db.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
        Assert.Equal(["r3"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Upgrading_plus_one_applies_exactly_one_revision()
    {
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("+1", CancellationToken.None);
        await Db.Migrator(ThreeRevisions()).UpgradeAsync("+1", CancellationToken.None);

        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Equal(2, await Db.CountAsync("waymark_history"));
    }

    [Fact]
    public async Task Upgrading_runs_data_statements_with_string_int_bool_timestamp_and_null_parameters()
    {
        var revisions = ThreeRevisions().Append(Rev("r4", "r3", m => m
            .AddColumn("users", "logins", ColumnType.Int)
            .AddColumn("users", "admin", ColumnType.Bool)
            .AddColumn("users", "joined_at", ColumnType.Timestamp)
            .Execute(
                "INSERT INTO users (email, display_name, logins, admin, joined_at) VALUES (@email, @name, @logins, @admin, @joined)",
                ("email", "o'brien@example.com"), ("name", null), ("logins", 42), ("admin", true),
                ("joined", new DateTime(2024, 2, 29, 13, 45, 10, DateTimeKind.Utc)))
            .Execute("UPDATE users SET logins = logins + @step WHERE admin = @admin AND email LIKE @pattern",
                ("step", 1), ("admin", true), ("pattern", "%@example.com"))));

        await Db.Migrator([.. revisions]).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(
            [$"o'brien@example.com|NULL|43|{StoredTrue}|2024-02-29 13:45:10"],
            await Db.RowsAsync($"SELECT email, display_name, logins, admin, {JoinedAtAsTextSql} FROM users"));
    }

    [Fact]
    public async Task Migrations_declared_with_revision_attributes_upgrade_like_any_other()
    {
        var graph = new RevisionGraph(
        [
            RevisionLoader.FromType(typeof(AttributedCreateTags), typeof(AttributedCreateTags).GetCustomAttributes(typeof(RevisionAttribute), false).Cast<RevisionAttribute>().Single()),
            RevisionLoader.FromType(typeof(AttributedAddTagColour), typeof(AttributedAddTagColour).GetCustomAttributes(typeof(RevisionAttribute), false).Cast<RevisionAttribute>().Single()),
        ]);

        await Db.Migrator(graph).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["t2"], await Db.VersionRowsAsync());
        var tags = await Db.ReadTableAsync("tags");
        Assert.Equal(["id", "name", "colour"], tags.Columns.Select(c => c.Name));
        Assert.Equal(["t1|upgrade", "t2|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task Reading_the_current_revision_of_a_database_without_version_table_returns_nothing_and_creates_nothing()
    {
        await Db.ExecuteAsync("CREATE TABLE other (id integer PRIMARY KEY)");

        var current = await Db.Migrator(ThreeRevisions()).GetCurrentAsync(CancellationToken.None);

        Assert.Empty(current);
        Assert.Equal(["other"], await Db.AllTablesAsync());
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

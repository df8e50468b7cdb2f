using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class OfflineScriptTests : IDisposable
{
    private readonly TempDatabase _online = new();
    private readonly TempDatabase _offline = new();

    public void Dispose()
    {
        _online.Dispose();
        _offline.Dispose();
    }

    private static Revision[] Revisions() =>
    [
        Rev("o1", null, m => m
            .CreateTable("users", t =>
            {
                t.Id();
                t.String("email", 200).NotNull().Unique();
                t.String("legacy", 20).Indexed();
                t.Int("age");
                t.Bool("active").NotNull().Default(true);
                t.Timestamp("created_at").NotNull().DefaultNow();
            })
            .Execute("INSERT INTO users (email, age) VALUES (@email, @age)", ("email", "o'neil@example.com"), ("age", 40)),
            m => m.DropTable("users"), "create users"),
        Rev("o2", "o1", m => m.CreateTable("posts", t =>
        {
            t.Id();
            t.BigInt("user_id");
            t.Text("title").NotNull();
            t.Money("price", 10, 2).Default(-1.5m);
        }), m => m.DropTable("posts"), "create posts"),
        // Needs rebuilds of both tables, one of them with a rename first.
        Rev("o3", "o2", m => m
            .RenameColumn("users", "age", "years")
            .DropColumn("users", "legacy")
            .AlterColumn("users", "years", nullable: false, defaultValue: 0)
            .AddCheckConstraint("users", "ck_users_email", "email LIKE '%@%'")
            .AddForeignKey("posts", "user_id", "users", onDelete: ReferentialAction.SetNull)
            .AddUniqueConstraint("posts", ["user_id", "title"])
            .CreateIndex("posts", ["title"], filter: "price > 0"),
            m => m
            .DropIndex("posts", "ix_posts_title")
            .DropUniqueConstraint("posts", "uq_posts_user_id_title")
            .DropForeignKey("posts", "fk_posts_user_id")
            .DropCheckConstraint("users", "ck_users_email")
            .AlterColumn("users", "years", nullable: true, dropDefault: true)
            .AddColumn("users", "legacy", ColumnType.String(20))
            .CreateIndex("users", ["legacy"])
            .RenameColumn("users", "years", "age"),
            "reshape users and posts"),
        Rev("o4", "o3", m => m.RenameTable("posts", "articles").AddColumn("articles", "slug", ColumnType.String(100), nullable: false, defaultValue: ""),
            m => m.DropColumn("articles", "slug").RenameTable("articles", "posts"), "rename posts"),
    ];

    private static OfflineScriptWriter Writer() =>
        new(new RevisionGraph(Revisions()), new SqliteDialect(), TempDatabase.Options);

    [Fact]
    public async Task An_offline_upgrade_script_applied_with_sqlite3_produces_the_same_schema_as_the_online_upgrade()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer().UpgradeAsync(null, "head", CancellationToken.None);

        await Sqlite3Cli.RunAsync(_offline.FilePath, script);

        var online = await _online.ReadSchemaAsync();
        var offline = await _offline.ReadSchemaAsync();
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(online, offline);
        Assert.Equal(["o4"], _offline.VersionRows());
        Assert.Equal(
            ["o1|upgrade|", "o2|upgrade|o1", "o3|upgrade|o2", "o4|upgrade|o3"],
            _offline.Rows("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
        Assert.Equal(4, _offline.Scalar("SELECT count(*) FROM waymark_history WHERE length(checksum) = 64 AND applied_by = 'tester@test-host'"));
        Assert.Equal(_online.Rows("SELECT id, email, years, active FROM users"), _offline.Rows("SELECT id, email, years, active FROM users"));
        Assert.Empty(_offline.LeftoverRebuildTables());
    }

    [Fact]
    public async Task The_offline_script_wraps_each_migration_in_a_transaction_and_rebuilds_with_a_temporary_table()
    {
        var script = await Writer().UpgradeAsync(null, "head", CancellationToken.None);

        Assert.StartsWith("-- Waymark upgrade base -> o4 (sqlite)", script, StringComparison.Ordinal);
        Assert.Contains("PRAGMA foreign_keys = OFF;", script, StringComparison.Ordinal);
        Assert.Equal(4, script.Split("BEGIN;").Length - 1);
        Assert.Equal(4, script.Split("COMMIT;").Length - 1);
        Assert.Contains("CREATE TABLE \"_waymark_rebuild_users\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"_waymark_rebuild_posts\"", script, StringComparison.Ordinal);
        Assert.Contains("'o''neil@example.com'", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offline_script_from_a_middle_revision_upgrades_an_online_database_to_the_same_schema()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await _offline.Migrator(Revisions()).UpgradeAsync("o2", CancellationToken.None);
        _offline.Execute("INSERT INTO posts (user_id, title) VALUES (1, 'kept')");
        var script = await Writer().UpgradeAsync("o2", "head", CancellationToken.None);

        await Sqlite3Cli.RunAsync(_offline.FilePath, script);

        Assert.Equal((await _online.ReadSchemaAsync()).ToString(), (await _offline.ReadSchemaAsync()).ToString());
        Assert.Equal(["o4"], _offline.VersionRows());
        Assert.Equal(["1|kept"], _offline.Rows("SELECT user_id, title FROM articles"));
        Assert.Equal(["o1", "o2", "o3", "o4"], _offline.Rows("SELECT revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task An_offline_downgrade_script_produces_the_same_schema_as_the_online_downgrade()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await _online.Migrator(Revisions()).DowngradeAsync("o2", CancellationToken.None);
        await _offline.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer().DowngradeAsync("o4", "o2", CancellationToken.None);

        await Sqlite3Cli.RunAsync(_offline.FilePath, script);

        var online = (await _online.ReadSchemaAsync()).Without(["waymark_history"]);
        var offline = (await _offline.ReadSchemaAsync()).Without(["waymark_history"]);
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(["o2"], _offline.VersionRows());
    }

    [Fact]
    public async Task An_offline_rebuild_after_renaming_a_column_used_by_a_check_constraint_matches_the_online_upgrade()
    {
        Revision[] revisions =
        [
            Rev("c1", null, m => m.CreateTable("products", t =>
            {
                t.Id();
                t.Int("price").NotNull();
                t.Text("notes");
                t.Check("ck_products_price", "price >= 0");
            })),
            Rev("c2", "c1", m => m.RenameColumn("products", "price", "amount").DropColumn("products", "notes")),
        ];
        await _online.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await new OfflineScriptWriter(new RevisionGraph(revisions), new SqliteDialect(), TempDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        await Sqlite3Cli.RunAsync(_offline.FilePath, script);

        Assert.Equal(["id", "amount"], (await _offline.ReadTableAsync("products")).Columns.Select(c => c.Name));
        Assert.Equal(["c2"], _offline.VersionRows());
    }
}

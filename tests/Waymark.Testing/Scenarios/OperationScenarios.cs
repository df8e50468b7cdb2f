using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;
using static Waymark.Testing.SampleTables;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// Operations whose outcome every dialect must reach, whether it alters a table in place or rebuilds it: rows are
/// kept, the schema reads back as asked and constraints are enforced.
/// </summary>
public abstract class OperationScenarios : DialectScenarios
{
    /// <summary>Asserts that <paramref name="sql"/> fails with this dialect's error for breaking a constraint of <paramref name="kind"/>.</summary>
    protected abstract Task AssertRejectedAsync(string sql, ConstraintKind kind);

    /// <summary>How this dialect shows the boolean true, as a value read back and as a default's SQL.</summary>
    protected abstract string TrueText { get; }

    /// <summary>How this dialect shows the boolean false, as a value read back and as a default's SQL.</summary>
    protected abstract string FalseText { get; }

    /// <summary>The default's SQL of a string column defaulting to <c>anon</c>, as the dialect reads it back.</summary>
    protected abstract string AnonDefaultSql { get; }

    /// <summary>The check <c>body NOT LIKE '%(%'</c> as the dialect reads it back.</summary>
    protected abstract string NotLikeCheckSql { get; }

    private async Task UpgradeAsync(params Revision[] revisions) =>
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);

    private Task InsertUsersAsync() => Db.ExecuteAsync(SampleTables.InsertUsersSql);

    [Fact]
    public async Task Dropping_a_unique_column_keeps_every_row_and_drops_its_constraint()
    {
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.DropColumn("users", "email")));

        Assert.Equal(["1|ann|annie|31", "2|bob|NULL|42", "3|cy|cyc|NULL"], await Db.RowsAsync("SELECT * FROM users ORDER BY id"));
        var users = await Db.ReadTableAsync("users");
        Assert.Equal(["id", "name", "nickname", "age"], users.Columns.Select(c => c.Name));
        Assert.Empty(users.UniqueConstraints);
        Assert.Equal(["ix_users_name"], users.Indexes.Select(i => i.Name));
        Assert.Equal(new PrimaryKeyDefinition("pk_users", ["id"]), users.PrimaryKey);
        Assert.True(users.GetColumn("id").Identity);
        Assert.DoesNotContain(await Db.AllTablesAsync(), t => t.StartsWith("_waymark_rebuild", StringComparison.Ordinal));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Making_a_column_not_null_with_a_default_keeps_rows_and_applies_both_to_new_rows()
    {
        await UpgradeAsync(CreateUsers());
        await Db.ExecuteAsync("INSERT INTO users (name, nickname) VALUES ('ann', 'annie'), ('bob', 'bobby')");

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AlterColumn("users", "nickname", nullable: false, defaultValue: "anon")));

        Assert.Equal(["1|ann|annie", "2|bob|bobby"], await Db.RowsAsync("SELECT id, name, nickname FROM users ORDER BY id"));
        var nickname = (await Db.ReadTableAsync("users")).GetColumn("nickname");
        Assert.False(nickname.Nullable);
        Assert.Equal(AnonDefaultSql, nickname.Default?.Sql);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('cy')");
        Assert.Equal(["anon"], await Db.RowsAsync("SELECT nickname FROM users WHERE name = 'cy'"));
        await AssertRejectedAsync("INSERT INTO users (name, nickname) VALUES ('dee', NULL)", ConstraintKind.NotNull);
    }

    [Fact]
    public async Task Making_a_column_nullable_dropping_its_default_and_setting_another_keeps_rows()
    {
        var create = Rev("r1", null, m => m.CreateTable("settings", t =>
        {
            t.Id();
            t.String("key", 50).NotNull().Unique();
            t.Int("level").NotNull().Default(-1);
            t.Bool("enabled").NotNull().Default(true);
        }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO settings (key) VALUES ('a'), ('b')");
        await Db.ExecuteAsync($"INSERT INTO settings (key, level, enabled) VALUES ('c', 7, {FalseText})");
        Assert.Equal([$"a|-1|{TrueText}", $"b|-1|{TrueText}", $"c|7|{FalseText}"], await Db.RowsAsync("SELECT key, level, enabled FROM settings ORDER BY id"));

        await UpgradeAsync(create, Rev("r2", "r1", m => m
            .AlterColumn("settings", "level", nullable: true, dropDefault: true)
            .AlterColumn("settings", "enabled", defaultValue: false)));

        Assert.Equal([$"a|-1|{TrueText}", $"b|-1|{TrueText}", $"c|7|{FalseText}"], await Db.RowsAsync("SELECT key, level, enabled FROM settings ORDER BY id"));
        var settings = await Db.ReadTableAsync("settings");
        Assert.True(settings.GetColumn("level").Nullable);
        Assert.Null(settings.GetColumn("level").Default);
        Assert.False(settings.GetColumn("enabled").Nullable);
        Assert.Equal(FalseText, settings.GetColumn("enabled").Default?.Sql);
        await Db.ExecuteAsync("INSERT INTO settings (key) VALUES ('d')");
        Assert.Equal([$"NULL|{FalseText}"], await Db.RowsAsync("SELECT level, enabled FROM settings WHERE key = 'd'"));
    }

    [Fact]
    public async Task Adding_and_dropping_a_foreign_key_keeps_rows_and_switches_enforcement()
    {
        var create = Rev("r1", null, m => m
            .CreateTable("users", t =>
            {
                t.Id();
                t.String("name", 100);
            })
            .CreateTable("posts", t =>
            {
                t.Id();
                t.BigInt("user_id");
                t.Text("title");
            }));
        var addFk = Rev("r2", "r1", m => m.AddForeignKey("posts", "user_id", "users", onDelete: ReferentialAction.Cascade),
            m => m.DropForeignKey("posts", "fk_posts_user_id"));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann'), ('bob')");
        await Db.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'a'), (2, 'b'), (NULL, 'orphan by design')");

        await UpgradeAsync(create, addFk);

        Assert.Equal(["1|1|a", "2|2|b", "3|NULL|orphan by design"], await Db.RowsAsync("SELECT * FROM posts ORDER BY id"));
        var posts = await Db.ReadTableAsync("posts");
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        await AssertRejectedAsync("INSERT INTO posts (user_id) VALUES (99)", ConstraintKind.ForeignKey);
        await Db.ExecuteAsync("DELETE FROM users WHERE id = 2");
        Assert.Equal(["1", "3"], await Db.RowsAsync("SELECT id FROM posts ORDER BY id"));

        await Db.Migrator(create, addFk).DowngradeAsync("-1", CancellationToken.None);

        Assert.Empty((await Db.ReadTableAsync("posts")).ForeignKeys);
        Assert.Equal(["1|1|a", "3|NULL|orphan by design"], await Db.RowsAsync("SELECT * FROM posts ORDER BY id"));
        await Db.ExecuteAsync("INSERT INTO posts (user_id) VALUES (99)");
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Adding_and_dropping_a_unique_constraint_keeps_rows_and_switches_enforcement()
    {
        var addUnique = Rev("r2", "r1", m => m.AddUniqueConstraint("users", ["name", "age"]),
            m => m.DropUniqueConstraint("users", "uq_users_name_age"));
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), addUnique);

        Assert.Equal(3, await Db.CountAsync("users"));
        Assert.Equal(
            [new UniqueConstraintDefinition("uq_users_email", ["email"]), new UniqueConstraintDefinition("uq_users_name_age", ["name", "age"])],
            (await Db.ReadTableAsync("users")).UniqueConstraints);
        await AssertRejectedAsync("INSERT INTO users (name, age) VALUES ('ann', 31)", ConstraintKind.Unique);

        await Db.Migrator(CreateUsers(), addUnique).DowngradeAsync("-1", CancellationToken.None);

        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], (await Db.ReadTableAsync("users")).UniqueConstraints);
        await Db.ExecuteAsync("INSERT INTO users (name, age) VALUES ('ann', 31)");
        Assert.Equal(4, await Db.CountAsync("users"));
    }

    [Fact]
    public async Task A_check_constraint_whose_text_has_a_parenthesis_in_a_string_is_kept_and_enforced()
    {
        var create = Rev("r1", null, m => m.CreateTable("notes", t =>
        {
            t.Id();
            t.Text("body");
            t.Text("extra");
            t.Check("ck_notes_body", "body NOT LIKE '%(%'");
        }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO notes (body) VALUES ('fine')");

        await UpgradeAsync(create, Rev("r2", "r1", m => m.DropColumn("notes", "extra")));

        Assert.Equal([new CheckConstraintDefinition("ck_notes_body", NotLikeCheckSql)], (await Db.ReadTableAsync("notes")).CheckConstraints);
        await AssertRejectedAsync("INSERT INTO notes (body) VALUES ('a (b')", ConstraintKind.Check);
    }
}

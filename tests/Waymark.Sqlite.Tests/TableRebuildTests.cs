using Waymark.Testing;
using Microsoft.Data.Sqlite;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;
using static Waymark.Testing.SampleTables;

namespace Waymark.Sqlite.Tests;

public sealed class TableRebuildTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private async Task UpgradeAsync(params Revision[] revisions) =>
        await _db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);

    private void InsertUsers() => _db.Execute(SampleTables.InsertUsersSql);

    private static void AssertRejected(Action insert)
    {
        var error = Assert.Throws<SqliteException>(insert);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Dropping_an_indexed_column_drops_its_index_and_recreates_the_others_on_the_new_table()
    {
        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.CreateIndex("users", ["nickname", "age"], unique: true)));
        InsertUsers();

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.CreateIndex("users", ["nickname", "age"], unique: true)),
            Rev("r3", "r2", m => m.DropColumn("users", "name")));

        Assert.False(_db.IndexExists("ix_users_name"));
        Assert.True(_db.IndexExists("ix_users_nickname_age"));
        Assert.Equal(["users"], _db.Rows("SELECT tbl_name FROM sqlite_master WHERE name = 'ix_users_nickname_age'"));
        Assert.Equal(3, _db.Count("users"));
        Assert.Equal(["1|ann@x|annie|31", "2|bob@x|NULL|42", "3|NULL|cyc|NULL"], _db.Rows("SELECT * FROM users ORDER BY id"));
        var users = await _db.ReadTableAsync("users");
        Assert.Equal([new IndexDefinition("ix_users_nickname_age", "users", ["nickname", "age"], Unique: true)], users.Indexes);
        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], users.UniqueConstraints);
        // The unique constraint and the unique index still hold after the rebuild.
        AssertRejected(() => _db.Execute("INSERT INTO users (email) VALUES ('ann@x')"));
        AssertRejected(() => _db.Execute("INSERT INTO users (nickname, age) VALUES ('annie', 31)"));
    }

    [Fact]
    public async Task Adding_a_unique_constraint_over_duplicate_values_fails_and_rolls_back()
    {
        await UpgradeAsync(CreateUsers());
        _db.Execute("INSERT INTO users (name) VALUES ('ann'), ('ann')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AddUniqueConstraint("users", ["name"]))));

        Assert.True(error.RolledBack);
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _db.Count("users"));
        Assert.Single((await _db.ReadTableAsync("users")).UniqueConstraints);
        Assert.Empty(_db.LeftoverRebuildTables());
        Assert.Equal(["r1"], _db.VersionRows());
    }

    [Fact]
    public async Task Adding_and_dropping_a_check_constraint_keeps_rows_and_switches_enforcement()
    {
        var addCheck = Rev("r2", "r1", m => m.AddCheckConstraint("users", "ck_users_age", "age IS NULL OR age >= 0"),
            m => m.DropCheckConstraint("users", "ck_users_age"));
        await UpgradeAsync(CreateUsers());
        InsertUsers();

        await UpgradeAsync(CreateUsers(), addCheck);

        Assert.Equal(3, _db.Count("users"));
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", "age IS NULL OR age >= 0")], (await _db.ReadTableAsync("users")).CheckConstraints);
        AssertRejected(() => _db.Execute("INSERT INTO users (name, age) VALUES ('neg', -1)"));

        await _db.Migrator(CreateUsers(), addCheck).DowngradeAsync("-1", CancellationToken.None);

        Assert.Empty((await _db.ReadTableAsync("users")).CheckConstraints);
        _db.Execute("INSERT INTO users (name, age) VALUES ('neg', -1)");
        Assert.Equal(4, _db.Count("users"));
    }

    [Fact]
    public async Task Renaming_a_column_then_dropping_another_in_one_migration_keeps_every_row()
    {
        var logger = new CapturingLogger();
        await UpgradeAsync(CreateUsers());
        InsertUsers();
        var reshape = Rev("r2", "r1", m => m
            .RenameColumn("users", "name", "full_name")
            .DropColumn("users", "nickname")
            .AlterColumn("users", "age", nullable: false, defaultValue: 0)
            .AddCheckConstraint("users", "ck_users_age", "age >= 0"));
        _db.Execute("UPDATE users SET age = 0 WHERE age IS NULL");

        await _db.Migrator(new RevisionGraph([CreateUsers(), reshape]), logger: logger).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["1|ann|ann@x|31", "2|bob|bob@x|42", "3|cy|NULL|0"], _db.Rows("SELECT * FROM users ORDER BY id"));
        var users = await _db.ReadTableAsync("users");
        Assert.Equal(["id", "full_name", "email", "age"], users.Columns.Select(c => c.Name));
        Assert.Equal([new IndexDefinition("ix_users_name", "users", ["full_name"])], users.Indexes);
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", "age >= 0")], users.CheckConstraints);
        Assert.False(users.GetColumn("age").Nullable);
        // The three changes that need a rebuild are folded into one.
        Assert.Single(logger.Statements, s => s.StartsWith("CREATE TABLE \"_waymark_rebuild_users\"", StringComparison.Ordinal));
        Assert.Empty(_db.LeftoverRebuildTables());
    }

    [Fact]
    public async Task Rebuilding_a_parent_table_keeps_the_child_rows_that_cascade_from_it()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        InsertUsers();
        _db.Execute("INSERT INTO posts (user_id, title) VALUES (1, 'a'), (1, 'b'), (2, 'c'), (3, 'd')");

        await UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m
            .DropColumn("users", "nickname")
            .AlterColumn("users", "email", nullable: true, defaultValue: "none")));

        Assert.Equal(["1|1|a", "2|1|b", "3|2|c", "4|3|d"], _db.Rows("SELECT id, user_id, title FROM posts ORDER BY id"));
        Assert.Equal(3, _db.Count("users"));
        Assert.Empty(_db.Rows("SELECT * FROM pragma_foreign_key_check"));
        var posts = await _db.ReadTableAsync("posts");
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        // The cascade still works against the rebuilt parent.
        _db.Execute("DELETE FROM users WHERE id = 1");
        Assert.Equal(["3|2", "4|3"], _db.Rows("SELECT id, user_id FROM posts ORDER BY id"));
    }

    [Fact]
    public async Task Rebuilding_a_child_table_keeps_its_foreign_key_to_the_parent()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        InsertUsers();
        _db.Execute("INSERT INTO posts (user_id, title) VALUES (1, 'a'), (2, 'b')");

        await UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m.DropColumn("posts", "title")));

        Assert.Equal(["1|1", "2|2"], _db.Rows("SELECT id, user_id FROM posts ORDER BY id"));
        var posts = await _db.ReadTableAsync("posts");
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        Assert.Equal(["ix_posts_user_id"], posts.Indexes.Select(i => i.Name));
        AssertRejected(() => _db.Execute("INSERT INTO posts (user_id) VALUES (99)"));
    }

    [Fact]
    public async Task A_rebuild_that_would_leave_dangling_foreign_keys_fails_and_rolls_back()
    {
        var create = Rev("r1", null, m => m
            .CreateTable("users", t => t.Id())
            .CreateTable("posts", t =>
            {
                t.Id();
                t.BigInt("user_id");
            }));
        await UpgradeAsync(create);
        _db.Execute("INSERT INTO users (id) VALUES (1)");
        _db.Execute("INSERT INTO posts (user_id) VALUES (1), (2), (3)");
        var before = await _db.ReadSchemaAsync();

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(create, Rev("r2", "r1", m => m.AddForeignKey("posts", "user_id", "users"))));

        Assert.True(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        var integrity = Assert.IsType<IntegrityViolationException>(error.InnerException);
        Assert.Contains("2 row(s) of posts reference missing rows of users", integrity.Detail, StringComparison.Ordinal);
        Assert.Contains("posts", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r1"], _db.VersionRows());
        Assert.Equal(before, await _db.ReadSchemaAsync());
        Assert.Empty((await _db.ReadTableAsync("posts")).ForeignKeys);
        Assert.Equal(["1|1", "2|2", "3|3"], _db.Rows("SELECT id, user_id FROM posts ORDER BY id"));
        Assert.Empty(_db.LeftoverRebuildTables());
    }

    [Fact]
    public async Task Dropping_a_table_that_child_rows_still_reference_fails_and_rolls_back()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        InsertUsers();
        _db.Execute("INSERT INTO posts (user_id, title) VALUES (1, 'a')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m.DropTable("users"))));

        Assert.IsType<IntegrityViolationException>(error.InnerException);
        Assert.True(error.RolledBack);
        Assert.True(_db.TableExists("users"));
        Assert.Equal(3, _db.Count("users"));
        Assert.Equal(["r2"], _db.VersionRows());
    }

    [Fact]
    public async Task Adding_a_not_null_column_without_a_default_rebuilds_an_empty_table()
    {
        await UpgradeAsync(CreateUsers());

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AddColumn("users", "role", ColumnType.String(20), nullable: false)));

        Assert.False((await _db.ReadTableAsync("users")).GetColumn("role").Nullable);
        Assert.Empty(_db.LeftoverRebuildTables());
    }

    [Fact]
    public async Task Adding_a_timestamp_column_defaulting_to_now_fills_existing_rows()
    {
        await UpgradeAsync(CreateUsers());
        InsertUsers();

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.Add(new Operations.AddColumn("users",
            new ColumnDefinition("created_at", ColumnType.Timestamp, Nullable: false, Default: DefaultValue.CurrentTimestamp)))));

        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM users WHERE created_at IS NULL"));
        Assert.Equal(3, _db.Count("users"));
        Assert.Equal("CURRENT_TIMESTAMP", (await _db.ReadTableAsync("users")).GetColumn("created_at").Default?.Sql);
    }

    [Fact]
    public async Task A_rebuild_keeps_the_autoincrement_counter_so_deleted_ids_are_never_reused()
    {
        await UpgradeAsync(CreateUsers());
        InsertUsers();
        _db.Execute("DELETE FROM users WHERE id = 3");
        Assert.Equal(3, _db.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'users'"));

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.DropColumn("users", "nickname")));

        _db.Execute("INSERT INTO users (name) VALUES ('dee')");
        Assert.Equal(4, _db.Scalar("SELECT id FROM users WHERE name = 'dee'"));
    }

    [Fact]
    public async Task A_rebuild_keeps_the_triggers_of_the_table()
    {
        var createTrigger = Rev("r2", "r1", m => m.Sql(
            "CREATE TRIGGER trg_users_lower AFTER INSERT ON users BEGIN UPDATE users SET email = lower(email) WHERE id = new.id; END"));
        await UpgradeAsync(CreateUsers(), createTrigger);

        await UpgradeAsync(CreateUsers(), createTrigger, Rev("r3", "r2", m => m.DropColumn("users", "nickname")));

        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'trg_users_lower'"));
        _db.Execute("INSERT INTO users (name, email) VALUES ('ann', 'ANN@X')");
        Assert.Equal(["ann@x"], _db.Rows("SELECT email FROM users"));
    }

    [Fact]
    public async Task A_rebuild_of_a_table_that_a_view_reads_succeeds_and_keeps_the_view()
    {
        var createView = Rev("r2", "r1", m => m.Sql("CREATE VIEW adult_users AS SELECT id, name FROM users WHERE age >= 18"));
        await UpgradeAsync(CreateUsers(), createView);
        InsertUsers();

        await UpgradeAsync(CreateUsers(), createView, Rev("r3", "r2", m => m.DropColumn("users", "nickname")));

        Assert.Equal(["1|ann", "2|bob"], _db.Rows("SELECT * FROM adult_users ORDER BY id"));
        Assert.Equal(["r3"], _db.VersionRows());
    }

    [Fact]
    public async Task A_rebuild_keeps_an_index_on_an_expression()
    {
        var createIndex = Rev("r2", "r1", m => m.Sql("CREATE UNIQUE INDEX ix_users_lower_email ON users (lower(email))"));
        await UpgradeAsync(CreateUsers(), createIndex);
        InsertUsers();

        await UpgradeAsync(CreateUsers(), createIndex, Rev("r3", "r2", m => m.DropColumn("users", "nickname")));

        Assert.Equal(3, _db.Count("users"));
        Assert.True(_db.IndexExists("ix_users_lower_email"));
        AssertRejected(() => _db.Execute("INSERT INTO users (name, email) VALUES ('ann2', 'ANN@X')"));
    }
}

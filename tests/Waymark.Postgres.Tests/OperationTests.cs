using Waymark.Testing;
using Npgsql;
using Waymark.Execution;
using Waymark.Operations;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;
using static Waymark.Testing.SampleTables;

namespace Waymark.Postgres.Tests;

/// <summary>Every operation as PostgreSQL runs it (a native ALTER): rows are kept and constraints are enforced.</summary>
public sealed class OperationTests : DatabaseTest
{
    private async Task UpgradeAsync(params Revision[] revisions) =>
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);

    private Task InsertUsersAsync() => Db.ExecuteAsync(SampleTables.InsertUsersSql);

    private async Task AssertRejectedAsync(string sql, string sqlState)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(sql));
        Assert.Equal(sqlState, error.SqlState);
    }

    [Fact]
    public async Task Creating_a_table_makes_its_columns_keys_constraints_and_indexes()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());

        Assert.Equal(
            ["ix_posts_user_id", "ix_users_name", "pk_posts", "pk_users", "uq_users_email"],
            await Db.RowsAsync("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('users', 'posts') ORDER BY 1"));
        Assert.Equal(
            ["fk_posts_user_id|f", "pk_posts|p", "pk_users|p", "uq_users_email|u"],
            await Db.RowsAsync("SELECT conname, contype::text FROM pg_constraint WHERE conrelid IN ('users'::regclass, 'posts'::regclass) AND contype <> 'n' ORDER BY 1"));
        await InsertUsersAsync();
        Assert.Equal(["1", "2", "3"], await Db.RowsAsync("SELECT id FROM users ORDER BY id"));
        await AssertRejectedAsync("INSERT INTO users (name) VALUES (NULL)", PostgresErrorCodes.NotNullViolation);
        await AssertRejectedAsync("INSERT INTO posts (user_id) VALUES (99)", PostgresErrorCodes.ForeignKeyViolation);
    }

    [Fact]
    public async Task Dropping_a_table_removes_it_and_its_indexes()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());

        await UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m.DropTable("posts")));

        Assert.False(await Db.TableExistsAsync("posts"));
        Assert.False(await Db.IndexExistsAsync("ix_posts_user_id"));
        Assert.True(await Db.TableExistsAsync("users"));
    }

    [Fact]
    public async Task Renaming_a_table_keeps_rows_and_the_foreign_keys_that_point_to_it()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        await InsertUsersAsync();
        await Db.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'a'), (2, 'b')");
        var rename = Rev("r3", "r2", m => m.RenameTable("users", "accounts"), m => m.RenameTable("accounts", "users"));

        await UpgradeAsync(CreateUsers(), CreatePosts(), rename);

        Assert.False(await Db.TableExistsAsync("users"));
        Assert.Equal(3, await Db.CountAsync("accounts"));
        var posts = await Db.ReadTableAsync("posts");
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "accounts", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        await Db.ExecuteAsync("DELETE FROM accounts WHERE id = 1");
        Assert.Equal(["2|b"], await Db.RowsAsync("SELECT user_id, title FROM posts"));

        await Db.Migrator(CreateUsers(), CreatePosts(), rename).DowngradeAsync("-1", CancellationToken.None);

        Assert.Equal(2, await Db.CountAsync("users"));
    }

    [Fact]
    public async Task Adding_a_not_null_column_with_a_default_fills_existing_rows()
    {
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m
            .AddColumn("users", "role", ColumnType.String(20), nullable: false, defaultValue: "member")
            .AddColumn("users", "active", ColumnType.Bool, nullable: false, defaultValue: true)
            .AddColumn("users", "bio", ColumnType.Text)));

        Assert.Equal(["ann|member|true|NULL", "bob|member|true|NULL", "cy|member|true|NULL"], await Db.RowsAsync("SELECT name, role, active, bio FROM users ORDER BY id"));
        var users = await Db.ReadTableAsync("users");
        Assert.False(users.GetColumn("role").Nullable);
        Assert.Equal("'member'::character varying", users.GetColumn("role").Default?.Sql);
        Assert.Equal("true", users.GetColumn("active").Default?.Sql);
        Assert.True(users.GetColumn("bio").Nullable);
    }

    [Fact]
    public async Task Adding_a_not_null_column_without_a_default_works_on_an_empty_table_and_fails_with_23502_on_a_filled_one()
    {
        await UpgradeAsync(CreateUsers());

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AddColumn("users", "role", ColumnType.String(20), nullable: false)));

        Assert.False((await Db.ReadTableAsync("users")).GetColumn("role").Nullable);
        await Db.ExecuteAsync("INSERT INTO users (name, role) VALUES ('ann', 'admin')");
        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AddColumn("users", "role", ColumnType.String(20), nullable: false)),
                Rev("r3", "r2", m => m.AddColumn("users", "team", ColumnType.Int, nullable: false))));
        Assert.Contains("[SQLSTATE 23502]", error.Message, StringComparison.Ordinal);
        Assert.Null((await Db.ReadTableAsync("users")).FindColumn("team"));
    }

    [Fact]
    public async Task Dropping_an_indexed_column_drops_its_index_and_keeps_the_others()
    {
        var uniqueIndex = Rev("r2", "r1", m => m.CreateIndex("users", ["nickname", "age"], unique: true));
        await UpgradeAsync(CreateUsers(), uniqueIndex);
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), uniqueIndex, Rev("r3", "r2", m => m.DropColumn("users", "name")));

        Assert.False(await Db.IndexExistsAsync("ix_users_name"));
        Assert.True(await Db.IndexExistsAsync("ix_users_nickname_age"));
        Assert.Equal(["1|ann@x|annie|31", "2|bob@x|NULL|42", "3|NULL|cyc|NULL"], await Db.RowsAsync("SELECT * FROM users ORDER BY id"));
        var users = await Db.ReadTableAsync("users");
        Assert.Equal([new IndexDefinition("ix_users_nickname_age", "users", ["nickname", "age"], Unique: true)], users.Indexes);
        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], users.UniqueConstraints);
        await AssertRejectedAsync("INSERT INTO users (email) VALUES ('ann@x')", PostgresErrorCodes.UniqueViolation);
        await AssertRejectedAsync("INSERT INTO users (nickname, age) VALUES ('annie', 31)", PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task Renaming_a_column_keeps_its_values_index_and_the_foreign_keys_that_reference_it()
    {
        var create = Rev("r1", null, m => m
            .CreateTable("users", t =>
            {
                t.Id("user_id");
                t.String("name", 100).NotNull().Indexed();
            })
            .CreateTable("posts", t =>
            {
                t.Id();
                t.References("author", "users", referencedColumn: "user_id");
            }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann')");
        await Db.ExecuteAsync("INSERT INTO posts (author) VALUES (1)");

        await UpgradeAsync(create, Rev("r2", "r1", m => m.RenameColumn("users", "name", "full_name").RenameColumn("users", "user_id", "id")));

        Assert.Equal(["1|ann"], await Db.RowsAsync("SELECT id, full_name FROM users"));
        var users = await Db.ReadTableAsync("users");
        Assert.Equal([new IndexDefinition("ix_users_name", "users", ["full_name"])], users.Indexes);
        Assert.Equal(new PrimaryKeyDefinition("pk_users", ["id"]), users.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_posts_author", ["author"], "users", ["id"])], (await Db.ReadTableAsync("posts")).ForeignKeys);
    }

    [Fact]
    public async Task Altering_a_column_type_converts_the_values_with_using()
    {
        var create = Rev("r1", null, m => m.CreateTable("readings", t =>
        {
            t.Id();
            t.String("value", 20);
            t.Int("amount");
            t.String("flag", 5);
        }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO readings (value, amount, flag) VALUES ('42', 7, 'true'), (' -3 ', NULL, 'false'), (NULL, 1, NULL)");
        var logger = new CapturingLogger();

        await Db.Migrator(Graph(create, Rev("r2", "r1", m => m
            .AlterColumn("readings", "value", type: ColumnType.Int)
            .AlterColumn("readings", "amount", type: ColumnType.Money(10, 2))
            .AlterColumn("readings", "flag", type: ColumnType.Bool))), logger: logger).UpgradeAsync("head", CancellationToken.None);

        Assert.Contains("ALTER TABLE \"readings\" ALTER COLUMN \"value\" TYPE integer USING \"value\"::integer", logger.Statements);
        Assert.Equal(["42|7.00|true", "-3|NULL|false", "NULL|1.00|NULL"], await Db.RowsAsync("SELECT value, amount, flag FROM readings ORDER BY id"));
        var readings = await Db.ReadTableAsync("readings");
        Assert.Equal(["integer", "numeric(10,2)", "boolean"], readings.Columns.Skip(1).Select(c => c.Type.NativeSql));
    }

    [Fact]
    public async Task Altering_a_column_type_that_cannot_convert_a_value_fails_with_its_sqlstate_and_rolls_back()
    {
        var create = Rev("r1", null, m => m.CreateTable("readings", t =>
        {
            t.Id();
            t.String("value", 20);
        }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO readings (value) VALUES ('42'), ('forty-two')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(create, Rev("r2", "r1", m => m.AlterColumn("readings", "value", type: ColumnType.Int))));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 22P02]", error.Message, StringComparison.Ordinal);
        Assert.Equal("character varying(20)", (await Db.ReadTableAsync("readings")).GetColumn("value").Type.NativeSql);
        Assert.Equal(["42", "forty-two"], await Db.RowsAsync("SELECT value FROM readings ORDER BY id"));
    }

    [Fact]
    public async Task Adding_a_timestamp_column_defaulting_to_now_fills_existing_rows()
    {
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.Add(new AddColumn("users",
            new ColumnDefinition("created_at", ColumnType.Timestamp, Nullable: false, Default: DefaultValue.CurrentTimestamp)))));

        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM users WHERE created_at IS NULL"));
        Assert.Equal(3, await Db.CountAsync("users"));
        var createdAt = (await Db.ReadTableAsync("users")).GetColumn("created_at");
        Assert.Equal("CURRENT_TIMESTAMP", createdAt.Default?.Sql);
        Assert.Equal("timestamp with time zone", createdAt.Type.NativeSql);
    }

    [Fact]
    public async Task Creating_and_dropping_an_index_unique_and_partial()
    {
        var create = Rev("r1", null, m => m.CreateTable("orders", t =>
        {
            t.Id();
            t.String("code", 20).NotNull();
            t.Money("total", 10, 2).NotNull();
            t.Bool("cancelled").NotNull().Default(false);
        }));
        var indexes = Rev("r2", "r1", m => m
                .CreateIndex("orders", ["total"])
                .CreateIndex("orders", ["code"], name: "ux_orders_open_code", unique: true, filter: "NOT cancelled"),
            m => m.DropIndex("orders", "ux_orders_open_code").DropIndex("orders", "ix_orders_total"));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO orders (code, total, cancelled) VALUES ('A', 10, true), ('A', 12, false)");

        await UpgradeAsync(create, indexes);

        var orders = await Db.ReadTableAsync("orders");
        Assert.Equal(
            [
                new IndexDefinition("ix_orders_total", "orders", ["total"]),
                new IndexDefinition("ux_orders_open_code", "orders", ["code"], Unique: true, Filter: "(NOT cancelled)"),
            ],
            orders.Indexes);
        // The partial unique index holds only where its filter does.
        await Db.ExecuteAsync("INSERT INTO orders (code, total, cancelled) VALUES ('A', 3, true)");
        await AssertRejectedAsync("INSERT INTO orders (code, total) VALUES ('A', 3)", PostgresErrorCodes.UniqueViolation);

        await Db.Migrator(create, indexes).DowngradeAsync("-1", CancellationToken.None);

        Assert.Empty((await Db.ReadTableAsync("orders")).Indexes);
        await Db.ExecuteAsync("INSERT INTO orders (code, total) VALUES ('A', 3)");
    }

    [Fact]
    public async Task Adding_a_foreign_key_over_dangling_rows_fails_with_23503_and_rolls_back()
    {
        var create = Rev("r1", null, m => m
            .CreateTable("users", t => t.Id())
            .CreateTable("posts", t =>
            {
                t.Id();
                t.BigInt("user_id");
            }));
        await UpgradeAsync(create);
        await Db.ExecuteAsync("INSERT INTO users (id) VALUES (1)");
        await Db.ExecuteAsync("INSERT INTO posts (user_id) VALUES (1), (2), (3)");
        var before = await Db.ReadSchemaAsync();

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(create, Rev("r2", "r1", m => m.AddForeignKey("posts", "user_id", "users"))));

        Assert.True(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        Assert.Contains("[SQLSTATE 23503]", error.Message, StringComparison.Ordinal);
        Assert.Contains("fk_posts_user_id", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Equal(before, await Db.ReadSchemaAsync());
        Assert.Equal(["1|1", "2|2", "3|3"], await Db.RowsAsync("SELECT id, user_id FROM posts ORDER BY id"));
    }

    [Fact]
    public async Task Dropping_a_table_that_another_table_references_fails_and_rolls_back()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        await InsertUsersAsync();
        await Db.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'a')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m.DropTable("users"))));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 2BP01]", error.Message, StringComparison.Ordinal);
        Assert.True(await Db.TableExistsAsync("users"));
        Assert.Equal(3, await Db.CountAsync("users"));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Adding_a_unique_constraint_over_duplicate_values_fails_with_23505_and_rolls_back()
    {
        await UpgradeAsync(CreateUsers());
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann'), ('ann')");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.AddUniqueConstraint("users", ["name"]))));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 23505]", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await Db.CountAsync("users"));
        Assert.Single((await Db.ReadTableAsync("users")).UniqueConstraints);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Adding_and_dropping_a_check_constraint_keeps_rows_and_switches_enforcement()
    {
        var addCheck = Rev("r2", "r1", m => m.AddCheckConstraint("users", "ck_users_age", "age IS NULL OR age >= 0"),
            m => m.DropCheckConstraint("users", "ck_users_age"));
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), addCheck);

        Assert.Equal(3, await Db.CountAsync("users"));
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", "((age IS NULL) OR (age >= 0))")], (await Db.ReadTableAsync("users")).CheckConstraints);
        await AssertRejectedAsync("INSERT INTO users (name, age) VALUES ('neg', -1)", PostgresErrorCodes.CheckViolation);

        await Db.Migrator(CreateUsers(), addCheck).DowngradeAsync("-1", CancellationToken.None);

        Assert.Empty((await Db.ReadTableAsync("users")).CheckConstraints);
        await Db.ExecuteAsync("INSERT INTO users (name, age) VALUES ('neg', -1)");
        Assert.Equal(4, await Db.CountAsync("users"));
    }

    [Fact]
    public async Task Renaming_a_column_then_dropping_another_and_constraining_a_third_in_one_migration_keeps_every_row()
    {
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();
        await Db.ExecuteAsync("UPDATE users SET age = 0 WHERE age IS NULL");
        var reshape = Rev("r2", "r1", m => m
            .RenameColumn("users", "name", "full_name")
            .DropColumn("users", "nickname")
            .AlterColumn("users", "age", nullable: false, defaultValue: 0)
            .AddCheckConstraint("users", "ck_users_age", "age >= 0"));

        await UpgradeAsync(CreateUsers(), reshape);

        Assert.Equal(["1|ann|ann@x|31", "2|bob|bob@x|42", "3|cy|NULL|0"], await Db.RowsAsync("SELECT * FROM users ORDER BY id"));
        var users = await Db.ReadTableAsync("users");
        Assert.Equal(["id", "full_name", "email", "age"], users.Columns.Select(c => c.Name));
        Assert.Equal([new IndexDefinition("ix_users_name", "users", ["full_name"])], users.Indexes);
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", "(age >= 0)")], users.CheckConstraints);
        Assert.False(users.GetColumn("age").Nullable);
        Assert.Equal("0", users.GetColumn("age").Default?.Sql);
    }

    [Fact]
    public async Task Altering_a_parent_table_keeps_the_child_rows_and_the_cascade()
    {
        await UpgradeAsync(CreateUsers(), CreatePosts());
        await InsertUsersAsync();
        await Db.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'a'), (1, 'b'), (2, 'c'), (3, 'd')");

        await UpgradeAsync(CreateUsers(), CreatePosts(), Rev("r3", "r2", m => m
            .DropColumn("users", "nickname")
            .AlterColumn("users", "email", nullable: true, defaultValue: "none")));

        Assert.Equal(["1|1|a", "2|1|b", "3|2|c", "4|3|d"], await Db.RowsAsync("SELECT id, user_id, title FROM posts ORDER BY id"));
        var posts = await Db.ReadTableAsync("posts");
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        await Db.ExecuteAsync("DELETE FROM users WHERE id = 1");
        Assert.Equal(["3|2", "4|3"], await Db.RowsAsync("SELECT id, user_id FROM posts ORDER BY id"));
    }

    [Fact]
    public async Task The_identity_keeps_counting_after_the_table_is_altered_so_deleted_ids_are_never_reused()
    {
        await UpgradeAsync(CreateUsers());
        await InsertUsersAsync();
        await Db.ExecuteAsync("DELETE FROM users WHERE id = 3");

        await UpgradeAsync(CreateUsers(), Rev("r2", "r1", m => m.DropColumn("users", "nickname")));

        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('dee')");
        Assert.Equal(4, await Db.ScalarAsync("SELECT id FROM users WHERE name = 'dee'"));
    }

    [Fact]
    public async Task Altering_a_table_keeps_its_triggers_views_and_expression_indexes()
    {
        var native = Rev("r2", "r1", m => m
            .Sql("""
                CREATE FUNCTION users_lower_email() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.email := lower(NEW.email); RETURN NEW; END $$
                """)
            .Sql("CREATE TRIGGER trg_users_lower BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION users_lower_email()")
            .Sql("CREATE VIEW adult_users AS SELECT id, name FROM users WHERE age >= 18")
            .Sql("CREATE UNIQUE INDEX ix_users_lower_name ON users (lower(name))"));
        await UpgradeAsync(CreateUsers(), native);
        await InsertUsersAsync();

        await UpgradeAsync(CreateUsers(), native, Rev("r3", "r2", m => m.DropColumn("users", "nickname")));

        Assert.Equal(["1|ann", "2|bob"], await Db.RowsAsync("SELECT * FROM adult_users ORDER BY id"));
        await Db.ExecuteAsync("INSERT INTO users (name, email) VALUES ('dee', 'DEE@X')");
        Assert.Equal(["dee@x"], await Db.RowsAsync("SELECT email FROM users WHERE name = 'dee'"));
        await AssertRejectedAsync("INSERT INTO users (name) VALUES ('ANN')", PostgresErrorCodes.UniqueViolation);
        var users = await Db.ReadTableAsync("users");
        Assert.Equal(["index ix_users_lower_name", "trigger trg_users_lower"], users.NativeObjects.Select(n => $"{n.Kind} {n.Name}"));
        Assert.Equal(["r3"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task Dropping_a_column_that_a_view_reads_fails_with_2bp01_and_rolls_back()
    {
        var view = Rev("r2", "r1", m => m.Sql("CREATE VIEW nicknames AS SELECT id, nickname FROM users"));
        await UpgradeAsync(CreateUsers(), view);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            UpgradeAsync(CreateUsers(), view, Rev("r3", "r2", m => m.DropColumn("users", "nickname"))));

        Assert.Contains("[SQLSTATE 2BP01]", error.Message, StringComparison.Ordinal);
        Assert.NotNull((await Db.ReadTableAsync("users")).FindColumn("nickname"));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }
}

using Waymark.Dialects;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// Offline scripts applied with the dialect's own command-line client, as a DBA would, against online runs of
/// the same chain: <see cref="DialectScenarios.Db"/> is migrated online, <see cref="Offline"/> by the script.
/// </summary>
public abstract class OfflineScriptScenarios : DialectScenarios
{
    private static readonly string[] _history = ["waymark_history"];

    private ScenarioDatabase? _offline;

    /// <summary>The database the offline script is applied to.</summary>
    protected ScenarioDatabase Offline => _offline ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    protected abstract ISqlDialect Dialect { get; }

    /// <summary>Applies <paramref name="script"/> with the dialect's client, stopping at the first error; throws unless it succeeds.</summary>
    protected abstract Task ApplyScriptAsync(ScenarioDatabase database, string script);

    /// <summary>Applies <paramref name="script"/> as <see cref="ApplyScriptAsync"/> does, returning the client's exit code and error output.</summary>
    protected abstract Task<(int ExitCode, string Errors)> TryApplyScriptAsync(ScenarioDatabase database, string script);

    /// <summary>The exit code with which the client stops on a failing statement.</summary>
    protected abstract int FailedScriptExitCode { get; }

    /// <summary>What the client reports of a missing table <c>no_such_table</c>.</summary>
    protected abstract string MissingTableErrorPart { get; }

    /// <summary>The placeholder with which the JSON parameter <c>@settings</c> is inserted (with a cast where the dialect needs one).</summary>
    protected abstract string JsonParameter { get; }

    /// <summary>SQL that only this dialect runs in o3 (given to <c>Sql</c> by dialect name), checked by <see cref="AssertDialectSqlRanAsync"/>.</summary>
    protected abstract string DialectSql { get; }

    /// <summary>Asserts that <see cref="DialectSql"/> ran on <paramref name="database"/>.</summary>
    protected abstract Task AssertDialectSqlRanAsync(ScenarioDatabase database);

    /// <summary>
    /// The users at head, one row each: id, email, years, active, created_at of the first row in UTC as
    /// <c>yyyy-MM-dd HH:mm:ss</c> (the second's is the time of its insert, shown as <c>now</c>), settings.
    /// </summary>
    protected abstract string UsersQuery { get; }

    /// <summary>The rows of <see cref="UsersQuery"/> at head.</summary>
    protected abstract IReadOnlyList<string> ExpectedUsers { get; }

    /// <summary>The literals the script writes for the first user's email, age, active and created_at parameters.</summary>
    protected abstract string FirstUserLiterals { get; }

    /// <summary>
    /// Revisions of the chain whose online SQL is derived from the live schema (a table rebuild reads it), so that
    /// their checksum may differ from the offline script's.
    /// </summary>
    protected abstract IReadOnlyList<string> RevisionsWithSqlFromTheLiveSchema { get; }

    /// <summary>Asserts how the script changes the tables: in place, or by rebuilding them.</summary>
    protected abstract void AssertScriptShape(string script);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _offline = await CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_offline is not null)
            await _offline.DisposeAsync();
        await base.DisposeAsync();
    }

    protected OfflineScriptWriter Writer(params Revision[] revisions) =>
        new(new RevisionGraph(revisions), Dialect, ScenarioDatabase.Options);

    [Fact]
    public async Task A_script_from_a_revision_gives_an_older_Waymarks_history_table_the_new_columns_keeping_its_rows_and_fills_them()
    {
        var revisions = Revisions();
        await Offline.Migrator(revisions).UpgradeAsync("o2", CancellationToken.None);
        await Db.Migrator(revisions).UpgradeAsync("o4", CancellationToken.None);
        // The table as Waymark made it before the operations checksum and the Waymark version were recorded.
        await Offline.ExecuteAsync("ALTER TABLE waymark_history DROP COLUMN operations_checksum");
        await Offline.ExecuteAsync("ALTER TABLE waymark_history DROP COLUMN waymark_version");
        const string Filled = "SELECT revision || '|' || CASE WHEN operations_checksum IS NULL THEN 'none' ELSE operations_checksum END || '|' || " +
            "CASE WHEN waymark_version IS NULL THEN 'none' ELSE 'version' END FROM waymark_history ORDER BY id";

        await ApplyScriptAsync(Offline, await Writer(revisions).UpgradeAsync("o2", "o3", CancellationToken.None));
        await ApplyScriptAsync(Offline, await Writer(revisions).UpgradeAsync("o3", "o4", CancellationToken.None));

        var online = await Db.RowsAsync(Filled);
        Assert.Equal(["o1|none|none", "o2|none|none", online[2], online[3]], await Offline.RowsAsync(Filled));
        Assert.EndsWith("|version", online[2], StringComparison.Ordinal);
        Assert.Equal(64 + "o3||version".Length, online[2].Length);
        Assert.Equal(["o4"], await Offline.VersionRowsAsync());
    }

    private Revision[] Revisions() =>
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
                t.Json("settings");
            })
            .Execute($"INSERT INTO users (email, age, active, created_at, settings) VALUES (@email, @age, @active, @created, {JsonParameter})",
                ("email", "o'neil@example.com"), ("age", 40), ("active", false),
                ("created", new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)), ("settings", "{\"theme\": \"dark\"}"))
            .Execute("INSERT INTO users (email, age) VALUES (@email, @age)", ("email", "nobody@example.com"), ("age", null)),
            m => m.DropTable("users"), "create users"),
        Rev("o2", "o1", m => m.CreateTable("posts", t =>
        {
            t.Id();
            t.BigInt("user_id");
            t.Text("title").NotNull();
            t.Money("price", 10, 2).Default(-1.5m);
        }), m => m.DropTable("posts"), "create posts"),
        // A rename, a dropped column and a type change in one table; constraints and a partial index on the other.
        Rev("o3", "o2", m => m
            .RenameColumn("users", "age", "years")
            .DropColumn("users", "legacy")
            .Execute("UPDATE users SET years = 0 WHERE years IS NULL")
            .AlterColumn("users", "years", type: ColumnType.BigInt, nullable: false, defaultValue: 0)
            .AddCheckConstraint("users", "ck_users_email", "email LIKE '%@%'")
            .AddForeignKey("posts", "user_id", "users", onDelete: ReferentialAction.SetNull)
            .AddUniqueConstraint("posts", ["user_id", "title"])
            .CreateIndex("posts", ["title"], filter: "price > 0")
            .Sql(new Dictionary<string, string> { [Dialect.Name] = DialectSql }),
            m => m
            .DropIndex("posts", "ix_posts_title")
            .DropUniqueConstraint("posts", "uq_posts_user_id_title")
            .DropForeignKey("posts", "fk_posts_user_id")
            .DropCheckConstraint("users", "ck_users_email")
            .AlterColumn("users", "years", type: ColumnType.Int, nullable: true, dropDefault: true)
            .AddColumn("users", "legacy", ColumnType.String(20))
            .CreateIndex("users", ["legacy"])
            .RenameColumn("users", "years", "age"),
            "reshape users and posts"),
        Rev("o4", "o3", m => m.RenameTable("posts", "articles").AddColumn("articles", "slug", ColumnType.String(100), nullable: false, defaultValue: ""),
            m => m.DropColumn("articles", "slug").RenameTable("articles", "posts"), "rename posts"),
    ];

    [Fact]
    public async Task An_offline_upgrade_script_applied_with_the_client_produces_the_same_schema_and_rows_as_the_online_upgrade()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(Revisions()).UpgradeAsync(null, "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        var online = await Db.ReadSchemaAsync();
        var offline = await Offline.ReadSchemaAsync();
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(online, offline);
        Assert.Equal(["o4"], await Offline.VersionRowsAsync());
        Assert.Equal(
            ["o1|upgrade|", "o2|upgrade|o1", "o3|upgrade|o2", "o4|upgrade|o3"],
            await Offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
        Assert.Equal(4, await Offline.ScalarAsync("SELECT count(*) FROM waymark_history WHERE length(checksum) = 64 AND applied_by = 'tester@test-host'"));
        // The same SQL ran both ways: the checksums agree, but where the online run derives its SQL from the live schema.
        var checksums = $"SELECT revision, checksum FROM waymark_history WHERE revision NOT IN ('{string.Join("', '", RevisionsWithSqlFromTheLiveSchema.Append("-"))}') ORDER BY id";
        Assert.Equal(await Db.RowsAsync(checksums), await Offline.RowsAsync(checksums));
        var users = await Offline.RowsAsync(UsersQuery);
        Assert.Equal(await Db.RowsAsync(UsersQuery), users);
        Assert.Equal(ExpectedUsers, users);
        Assert.Equal(0, await Offline.ScalarAsync("SELECT count(*) FROM users WHERE created_at IS NULL OR created_at > CURRENT_TIMESTAMP"));
        await AssertDialectSqlRanAsync(Offline);
        Assert.DoesNotContain(await Offline.AllTablesAsync(), t => t.StartsWith("_waymark_rebuild", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_offline_script_wraps_each_migration_in_a_transaction_with_its_version_update_and_writes_parameters_as_literals()
    {
        var script = await Writer(Revisions()).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.StartsWith($"-- Waymark upgrade base -> o4 ({Dialect.Name})", script, StringComparison.Ordinal);
        Assert.Equal(4, script.Split("BEGIN;").Length - 1);
        Assert.Equal(4, script.Split("COMMIT;").Length - 1);
        Assert.Contains("CREATE TABLE \"alembic_version\"", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = 'o4' WHERE version_num = 'o3';", script, StringComparison.Ordinal);
        Assert.Contains(FirstUserLiterals, script, StringComparison.Ordinal);
        Assert.Contains("('nobody@example.com', NULL)", script, StringComparison.Ordinal);
        AssertScriptShape(script);
    }

    [Fact]
    public async Task An_offline_script_from_a_middle_revision_upgrades_an_online_database_to_the_same_schema()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Offline.Migrator(Revisions()).UpgradeAsync("o2", CancellationToken.None);
        await Offline.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'kept')");
        var script = await Writer(Revisions()).UpgradeAsync("o2", "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal((await Db.ReadSchemaAsync()).ToString(), (await Offline.ReadSchemaAsync()).ToString());
        Assert.Equal(["o4"], await Offline.VersionRowsAsync());
        Assert.Equal(["1|kept|"], await Offline.RowsAsync("SELECT user_id, title, slug FROM articles"));
        Assert.Equal(["o1", "o2", "o3", "o4"], await Offline.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task An_offline_downgrade_script_produces_the_same_schema_as_the_online_downgrade()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Db.Migrator(Revisions()).DowngradeAsync("o2", CancellationToken.None);
        await Offline.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(Revisions()).DowngradeAsync("o4", "o2", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        var online = (await Db.ReadSchemaAsync()).Without(_history);
        var offline = (await Offline.ReadSchemaAsync()).Without(_history);
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(online, offline);
        Assert.Equal(["o2"], await Offline.VersionRowsAsync());
        Assert.Equal(["o4|downgrade|o4", "o3|downgrade|o3"],
            await Offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'downgrade' ORDER BY id"));
        Assert.Equal(["legacy"], (await Offline.ReadTableAsync("users")).Indexes.SelectMany(i => i.Columns));
    }

    [Fact]
    public async Task An_offline_downgrade_script_to_base_leaves_only_the_bookkeeping_tables()
    {
        await Offline.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(Revisions()).DowngradeAsync("o4", "base", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal(["alembic_version", "waymark_history"], await Offline.AllTablesAsync());
        Assert.Empty(await Offline.VersionRowsAsync());
    }

    [Fact]
    public async Task A_failing_statement_stops_the_client_and_rolls_back_that_migration_only()
    {
        var script = await Writer(
            Rev("f1", null, m => m.CreateTable("users", t => t.Id())),
            Rev("f2", "f1", m => m.CreateTable("posts", t => t.Id()).Sql("SELECT * FROM no_such_table")),
            Rev("f3", "f2", m => m.CreateTable("tags", t => t.Id()))).UpgradeAsync(null, "head", CancellationToken.None);

        var (exitCode, errors) = await TryApplyScriptAsync(Offline, script);

        Assert.Equal(FailedScriptExitCode, exitCode);
        Assert.Contains(MissingTableErrorPart, errors, StringComparison.Ordinal);
        Assert.Equal(["f1"], await Offline.VersionRowsAsync());
        Assert.True(await Offline.TableExistsAsync("users"));
        Assert.False(await Offline.TableExistsAsync("posts"));
        Assert.False(await Offline.TableExistsAsync("tags"));
    }

    /// <summary>The seed's shape: s17 creates users; s18 creates teams, then organizations; s19 two more tables.</summary>
    private static Revision[] SeedShape() =>
    [
        Rev("s17", null, m => m.CreateTable("users", t => t.Id()), m => m.DropTable("users"), "create users"),
        Rev("s18", "s17", m => m
            .CreateTable("teams", t => t.Id())
            .CreateTable("organizations", t =>
            {
                t.Id();
                t.String("name", 100).NotNull();
            }),
            m => m.DropTable("organizations").DropTable("teams"), "create teams and organizations"),
        Rev("s19", "s18", m => m
            .CreateTable("invitations", t => t.Id())
            .CreateTable("password_reset_tokens", t => t.Id()),
            m => m.DropTable("password_reset_tokens").DropTable("invitations"), "create invitations and tokens"),
    ];

    [Fact]
    public async Task Applied_as_documented_a_script_stops_at_the_failing_migration_so_nothing_of_it_or_after_it_runs_or_is_recorded()
    {
        // The seed's story: at s17, with organizations made by hand, so s18 fails on its second statement.
        await Offline.Migrator(SeedShape()).UpgradeAsync("s17", CancellationToken.None);
        await Offline.ExecuteAsync("CREATE TABLE organizations (id INTEGER PRIMARY KEY, name VARCHAR(100))");
        var script = await Writer(SeedShape()).UpgradeAsync("s17", "s19", CancellationToken.None);

        var (exitCode, errors) = await TryApplyScriptAsync(Offline, script);

        Assert.Equal(FailedScriptExitCode, exitCode);
        Assert.Contains("organizations", errors, StringComparison.Ordinal);
        Assert.Contains("already exists", errors, StringComparison.Ordinal);
        Assert.Equal(["s17"], await Offline.VersionRowsAsync());
        Assert.False(await Offline.TableExistsAsync("teams"));
        Assert.False(await Offline.TableExistsAsync("invitations"));
        Assert.False(await Offline.TableExistsAsync("password_reset_tokens"));
        Assert.Equal(["s17"], await Offline.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task A_script_from_a_revision_creates_the_history_table_on_a_database_that_another_tool_migrated()
    {
        // Alembic or Flask-Migrate leaves alembic_version and no waymark_history.
        await Offline.Migrator(SeedShape()).UpgradeAsync("s17", CancellationToken.None);
        await Offline.ExecuteAsync("DROP TABLE waymark_history");
        var script = await Writer(SeedShape()).UpgradeAsync("s17", "s19", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal(["s19"], await Offline.VersionRowsAsync());
        Assert.True(await Offline.TableExistsAsync("password_reset_tokens"));
        Assert.Equal(["s18|upgrade|s17", "s19|upgrade|s18"],
            await Offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
        // The history table it made is the one an online run makes.
        await Db.Migrator(SeedShape()).UpgradeAsync("s19", CancellationToken.None);
        Assert.Equal((await Db.ReadSchemaAsync()).ToString(), (await Offline.ReadSchemaAsync()).ToString());
    }

    [Fact]
    public async Task A_script_from_a_revision_leaves_an_existing_history_table_and_its_rows_alone()
    {
        await Offline.Migrator(SeedShape()).UpgradeAsync("s17", CancellationToken.None);
        var script = await Writer(SeedShape()).UpgradeAsync("s17", "s18", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal(["s17|upgrade|", "s18|upgrade|s17"],
            await Offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
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
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(revisions).UpgradeAsync(null, "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal(["id", "amount"], (await Offline.ReadTableAsync("products")).Columns.Select(c => c.Name));
        Assert.Equal(["c2"], await Offline.VersionRowsAsync());
    }
}

using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>Offline scripts in the PostgreSQL dialect, applied with psql as a DBA would, against online runs of the same chain.</summary>
public sealed class OfflineScriptTests : IAsyncLifetime
{
    private static readonly string[] _history = ["waymark_history"];

    private TestDatabase _online = null!;
    private TestDatabase _offline = null!;

    public async Task InitializeAsync()
    {
        var databases = await Task.WhenAll(TestDatabase.CreateAsync(), TestDatabase.CreateAsync());
        (_online, _offline) = (databases[0], databases[1]);
    }

    public async Task DisposeAsync()
    {
        await _online.DisposeAsync();
        await _offline.DisposeAsync();
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
                t.Json("settings");
            })
            .Execute("INSERT INTO users (email, age, active, created_at, settings) VALUES (@email, @age, @active, @created, @settings::jsonb)",
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
        Rev("o3", "o2", m => m
            .RenameColumn("users", "age", "years")
            .DropColumn("users", "legacy")
            .Execute("UPDATE users SET years = 0 WHERE years IS NULL")
            .AlterColumn("users", "years", type: ColumnType.BigInt, nullable: false, defaultValue: 0)
            .AddCheckConstraint("users", "ck_users_email", "email LIKE '%@%'")
            .AddForeignKey("posts", "user_id", "users", onDelete: ReferentialAction.SetNull)
            .AddUniqueConstraint("posts", ["user_id", "title"])
            .CreateIndex("posts", ["title"], filter: "price > 0")
            .Sql(new Dictionary<string, string> { ["postgres"] = "COMMENT ON TABLE posts IS 'written by users'" }),
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

    private static OfflineScriptWriter Writer() =>
        new(new RevisionGraph(Revisions()), new PostgresDialect(), TestDatabase.Options);

    [Fact]
    public async Task An_offline_upgrade_script_applied_with_psql_produces_the_same_schema_as_the_online_upgrade()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer().UpgradeAsync(null, "head", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        var online = await _online.ReadSchemaAsync();
        var offline = await _offline.ReadSchemaAsync();
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(online, offline);
        Assert.Equal(["o4"], await _offline.VersionRowsAsync());
        Assert.Equal(
            ["o1|upgrade|", "o2|upgrade|o1", "o3|upgrade|o2", "o4|upgrade|o3"],
            await _offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history ORDER BY id"));
        Assert.Equal(4, await _offline.ScalarAsync("SELECT count(*) FROM waymark_history WHERE length(checksum) = 64 AND applied_by = 'tester@test-host'"));
        // The same SQL ran both ways: the checksums agree.
        const string Checksums = "SELECT revision, checksum FROM waymark_history ORDER BY id";
        Assert.Equal(await _online.RowsAsync(Checksums), await _offline.RowsAsync(Checksums));
        // created_at of the second row is the time of its insert, so only the first row's given value is compared.
        const string Users = "SELECT id, email, years, active, CASE WHEN id = 1 THEN to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') ELSE 'now' END, settings::text FROM users ORDER BY id";
        var users = await _offline.RowsAsync(Users);
        Assert.Equal(await _online.RowsAsync(Users), users);
        Assert.Equal("1|o'neil@example.com|40|false|2024-05-06 07:08:09|{\"theme\": \"dark\"}", users[0]);
        Assert.Equal("2|nobody@example.com|0|true|now|NULL", users[1]);
        Assert.Equal(0, await _offline.ScalarAsync("SELECT count(*) FROM users WHERE created_at IS NULL OR created_at > now()"));
        Assert.Equal(["written by users"], await _offline.RowsAsync("SELECT obj_description('articles'::regclass, 'pg_class')"));
    }

    [Fact]
    public async Task The_offline_script_wraps_each_migration_in_a_transaction_with_its_version_update_and_alters_in_place()
    {
        var script = await Writer().UpgradeAsync(null, "head", CancellationToken.None);

        Assert.StartsWith("-- Waymark upgrade base -> o4 (postgres)", script, StringComparison.Ordinal);
        Assert.Equal(4, script.Split("BEGIN;").Length - 1);
        Assert.Equal(4, script.Split("COMMIT;").Length - 1);
        Assert.Contains("CREATE TABLE \"alembic_version\"", script, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"users\" RENAME COLUMN \"age\" TO \"years\";", script, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"users\" ALTER COLUMN \"years\" TYPE bigint USING \"years\"::bigint;", script, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"posts\" RENAME TO \"articles\";", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = 'o4' WHERE version_num = 'o3';", script, StringComparison.Ordinal);
        Assert.Contains("'o''neil@example.com', 40, FALSE, '2024-05-06 07:08:09+00'", script, StringComparison.Ordinal);
        Assert.Contains("('nobody@example.com', NULL)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("_waymark_rebuild", script, StringComparison.Ordinal);
        Assert.DoesNotContain("PRAGMA", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offline_script_from_a_middle_revision_upgrades_an_online_database_to_the_same_schema()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await _offline.Migrator(Revisions()).UpgradeAsync("o2", CancellationToken.None);
        await _offline.ExecuteAsync("INSERT INTO posts (user_id, title) VALUES (1, 'kept')");
        var script = await Writer().UpgradeAsync("o2", "head", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        Assert.Equal((await _online.ReadSchemaAsync()).ToString(), (await _offline.ReadSchemaAsync()).ToString());
        Assert.Equal(["o4"], await _offline.VersionRowsAsync());
        Assert.Equal(["1|kept|"], await _offline.RowsAsync("SELECT user_id, title, slug FROM articles"));
        Assert.Equal(["o1", "o2", "o3", "o4"], await _offline.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task An_offline_downgrade_script_applied_with_psql_produces_the_same_schema_as_the_online_downgrade()
    {
        await _online.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await _online.Migrator(Revisions()).DowngradeAsync("o2", CancellationToken.None);
        await _offline.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer().DowngradeAsync("o4", "o2", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        var online = (await _online.ReadSchemaAsync()).Without(_history);
        var offline = (await _offline.ReadSchemaAsync()).Without(_history);
        Assert.Equal(online.ToString(), offline.ToString());
        Assert.Equal(online, offline);
        Assert.Equal(["o2"], await _offline.VersionRowsAsync());
        Assert.Equal(["o4|downgrade|o4", "o3|downgrade|o3"],
            await _offline.RowsAsync("SELECT revision, direction, from_versions FROM waymark_history WHERE direction = 'downgrade' ORDER BY id"));
        Assert.Equal(["legacy"], (await _offline.ReadTableAsync("users")).Indexes.SelectMany(i => i.Columns));
    }

    [Fact]
    public async Task An_offline_downgrade_script_to_base_leaves_only_the_bookkeeping_tables()
    {
        await _offline.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer().DowngradeAsync("o4", "base", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        Assert.Equal(["public.alembic_version", "public.waymark_history"], await _offline.QualifiedTablesAsync());
        Assert.Empty(await _offline.VersionRowsAsync());
    }

    [Fact]
    public async Task A_failing_statement_stops_psql_and_rolls_back_that_migration_only()
    {
        Revision[] revisions =
        [
            Rev("f1", null, m => m.CreateTable("users", t => t.Id())),
            Rev("f2", "f1", m => m.CreateTable("posts", t => t.Id()).Sql("SELECT * FROM no_such_table")),
            Rev("f3", "f2", m => m.CreateTable("tags", t => t.Id())),
        ];
        var script = await new OfflineScriptWriter(new RevisionGraph(revisions), new PostgresDialect(), TestDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        var result = await Psql.TryRunAsync(_offline.ConnectionString, script);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("relation \"no_such_table\" does not exist", result.Errors, StringComparison.Ordinal);
        Assert.Equal(["f1"], await _offline.VersionRowsAsync());
        Assert.True(await _offline.TableExistsAsync("users"));
        Assert.False(await _offline.TableExistsAsync("posts"));
        Assert.False(await _offline.TableExistsAsync("tags"));
    }

    [Fact]
    public async Task A_non_transactional_migration_is_written_without_a_transaction_so_psql_can_create_an_index_concurrently()
    {
        Revision[] revisions =
        [
            Rev("n1", null, m => m.CreateTable("users", t =>
            {
                t.Id();
                t.String("email", 200);
            })),
            NonTransactionalRev("n2", "n1", m => m.Sql("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)")),
        ];
        var script = await new OfflineScriptWriter(new RevisionGraph(revisions), new PostgresDialect(), TestDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        Assert.Equal(1, script.Split("BEGIN;").Length - 1);
        Assert.True(await _offline.IndexExistsAsync("ix_users_email"));
        Assert.Equal(["n2"], await _offline.VersionRowsAsync());
    }

    private static readonly Guid _tokenId = new("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static Revision[] Tokens(string column, string type, object value) =>
    [
        Rev("g1", null, m => m
            .Sql($"CREATE TABLE tokens (id integer PRIMARY KEY, {column} {type})")
            .Execute($"INSERT INTO tokens (id, {column}) VALUES (1, @value)", ("value", value))),
    ];

    private async Task AssertOfflineStoresWhatOnlineStoresAsync(Revision[] revisions, string column)
    {
        await _online.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await new OfflineScriptWriter(new RevisionGraph(revisions), new PostgresDialect(), TestDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        var query = $"SELECT {column}::text FROM tokens";
        Assert.Equal(await _online.RowsAsync(query), await _offline.RowsAsync(query));
    }

    [Fact]
    public async Task A_decimal_and_a_date_parameter_are_written_as_literals_that_store_the_same_values_as_online()
    {
        Revision[] revisions =
        [
            Rev("g1", null, m => m
                .Sql("CREATE TABLE prices (id integer PRIMARY KEY, amount numeric(12,4), since date, ratio double precision)")
                .Execute("INSERT INTO prices VALUES (1, @amount, @since, @ratio)",
                    ("amount", 1234.5678m), ("since", new DateOnly(2024, 2, 29)), ("ratio", 0.25))),
        ];
        await _online.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await new OfflineScriptWriter(new RevisionGraph(revisions), new PostgresDialect(), TestDatabase.Options)
            .UpgradeAsync(null, "head", CancellationToken.None);

        await Psql.RunAsync(_offline.ConnectionString, script);

        const string Query = "SELECT amount::text, since::text, ratio::text FROM prices";
        Assert.Equal(["1234.5678|2024-02-29|0.25"], await _offline.RowsAsync(Query));
        Assert.Equal(await _online.RowsAsync(Query), await _offline.RowsAsync(Query));
    }

    [Fact]
    public async Task A_guid_parameter_is_written_as_a_uuid_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("id2", "uuid", _tokenId), "id2");

    [Fact]
    public async Task A_byte_array_parameter_is_written_as_a_bytea_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("secret", "bytea", new byte[] { 0, 1, 0xfe, 0xff }), "secret");

    [Fact]
    public async Task A_time_span_parameter_is_written_as_an_interval_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("ttl", "interval", TimeSpan.FromMinutes(90)), "ttl");
}

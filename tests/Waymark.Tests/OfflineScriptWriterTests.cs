using System.Security.Cryptography;
using System.Text;
using Waymark.Execution;
using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Tests.TestRevisions;

namespace Waymark.Tests;

public sealed class OfflineScriptWriterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private static readonly MigratorOptions Options = new() { AppliedBy = "tester@box", ToolVersion = "waymark test" };

    /// <summary>001 creates users, 002 creates orders, 003 drops users.email (a rebuild in the fake dialect).</summary>
    private static RevisionGraph Chain(bool transactional003 = true) => Graph(
        Rev("001", [], "create users", () => new ScriptedMigration(
            m => m.CreateTable("users", t =>
            {
                t.Id();
                t.String("name", 100);
                t.String("email", 200);
            }),
            m => m.DropTable("users"))),
        Rev("002", ["001"], "create orders", () => new ScriptedMigration(
            m => m.CreateTable("orders", t =>
            {
                t.Id();
                t.References("user_id", "users");
            }),
            m => m.DropTable("orders"))),
        Rev("003", ["002"], "drop email", () => new ScriptedMigration(
            m => m.DropColumn("users", "email"),
            m => m.AddColumn("users", "email", ColumnType.String(200)),
            transactional003)));

    private static OfflineScriptWriter Writer(RevisionGraph graph, FakeDialect? dialect = null) =>
        new(graph, dialect ?? new FakeDialect(), Options, new FixedTimeProvider(Now));

    private static string[] Lines(string script) => script.ReplaceLineEndings("\n").Split('\n');

    /// <summary>
    /// The script without comments, blank lines, client directives and history inserts: what changes the schema
    /// and the version table.
    /// </summary>
    private static string[] Statements(string script) =>
        [.. Lines(script).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith('.') && !l.StartsWith("INSERT INTO \"waymark_history\"", StringComparison.Ordinal))];

    /// <summary>What a script from a revision starts with: the history table where it is missing, and the columns an older one lacks.</summary>
    private static readonly string[] HistoryIfMissing =
    [
        "BEGIN;",
        "CREATE TABLE IF NOT EXISTS \"waymark_history\" (\"id\", \"revision\", \"direction\", \"from_versions\", \"checksum\", \"started_at\", " +
            "\"duration_ms\", \"applied_by\", \"tool_version\", \"operations_checksum\", \"waymark_version\");",
        "ADD COLUMN IF MISSING \"waymark_history\".\"operations_checksum\";",
        "ADD COLUMN IF MISSING \"waymark_history\".\"waymark_version\";",
        "COMMIT;",
    ];

    [Fact]
    public async Task The_header_names_the_direction_the_range_the_dialect_the_time_and_the_tool()
    {
        var script = await Writer(Chain()).UpgradeAsync(null, "head", CancellationToken.None);

        var lines = Lines(script);
        Assert.Equal("-- Waymark upgrade base -> 003 (fake)", lines[0]);
        Assert.Equal("-- Generated 2025-03-14 15:09:26Z by waymark test", lines[1]);
    }

    [Fact]
    public async Task A_migration_with_an_operation_that_cannot_run_in_a_transaction_is_written_without_begin_and_commit_its_record_after_its_statements()
    {
        var graph = Graph(
            Rev("001", [], "create users", () => new ScriptedMigration(m => m.CreateTable("users", t => t.String("email", 200)), m => m.DropTable("users"))),
            Rev("002", ["001"], "index emails", () => new ScriptedMigration(m => m.CreateIndex("users", ["email"], concurrently: true), m => m.DropIndex("users", "ix_users_email"))));

        var script = await Writer(graph).UpgradeAsync("001", "002", CancellationToken.None);

        Assert.Equal(
            [
                "SET fake_session = on;",
                .. HistoryIfMissing,
                "OP create index ix_users_email on users concurrently;",
                "UPDATE \"alembic_version\" SET version_num = '002' WHERE version_num = '001';",
            ],
            Statements(script));
    }

    [Fact]
    public async Task An_upgrade_from_base_tells_the_client_to_stop_at_the_first_error_sets_up_the_session_and_creates_the_bookkeeping_tables_first()
    {
        var script = await Writer(Chain()).UpgradeAsync(null, "001", CancellationToken.None);

        Assert.Equal(
            [
                "SET fake_session = on;",
                "CREATE TABLE \"alembic_version\" (\"version_num\");",
                "CREATE TABLE \"waymark_history\" (\"id\", \"revision\", \"direction\", \"from_versions\", \"checksum\", \"started_at\", \"duration_ms\", \"applied_by\", \"tool_version\", " +
                    "\"operations_checksum\", \"waymark_version\");",
                "BEGIN;",
            ],
            Statements(script).Take(4));
        Assert.Equal(".stop-on-error", Lines(script)[2]);
    }

    [Fact]
    public async Task Each_migration_runs_in_its_own_transaction_with_its_version_update_in_order()
    {
        var script = await Writer(Chain()).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.Equal(
            [
                "BEGIN;",
                "CREATE TABLE \"users\" (\"id\", \"name\", \"email\");",
                "INSERT INTO \"alembic_version\" (version_num) VALUES ('001');",
                "COMMIT;",
                "BEGIN;",
                "CREATE TABLE \"orders\" (\"id\", \"user_id\");",
                "UPDATE \"alembic_version\" SET version_num = '002' WHERE version_num = '001';",
                "COMMIT;",
                "BEGIN;",
                "REBUILD \"users\" (\"id\", \"name\", \"email\") -> (\"id\", \"name\");",
                "UPDATE \"alembic_version\" SET version_num = '003' WHERE version_num = '002';",
                "COMMIT;",
            ],
            Statements(script).Skip(3));
    }

    [Fact]
    public async Task Each_migration_is_introduced_by_a_comment_naming_the_versions_the_message_and_the_file()
    {
        var script = await Writer(Chain()).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.Equal(
            [
                "-- upgrade base -> 001: create users (001_file.cs)",
                "-- upgrade 001 -> 002: create orders (002_file.cs)",
                "-- upgrade 002 -> 003: drop email (003_file.cs)",
            ],
            Lines(script).Where(l => l.StartsWith("-- upgrade", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_migration_records_a_history_row_inside_its_transaction()
    {
        var script = await Writer(Chain()).UpgradeAsync(null, "002", CancellationToken.None);

        var lines = Lines(script);
        var history = lines.Where(l => l.StartsWith("INSERT INTO \"waymark_history\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains(
            "VALUES ('002', 'upgrade', '001', '" + Sha256("CREATE TABLE \"orders\" (\"id\", \"user_id\")") + "', '2025-03-14 15:09:26', 0, 'tester@box', 'waymark test', '",
            history[1], StringComparison.Ordinal);
        Assert.EndsWith($"', '{WaymarkVersion.Current}');", history[1], StringComparison.Ordinal);
        Assert.Equal("COMMIT;", lines[Array.IndexOf(lines, history[1]) + 1]);
    }

    [Fact]
    public async Task An_upgrade_from_a_revision_replays_the_schema_up_to_it_and_creates_only_a_missing_history_table()
    {
        var script = await Writer(Chain()).UpgradeAsync("002", "003", CancellationToken.None);

        Assert.Equal(
            [
                "SET fake_session = on;",
                .. HistoryIfMissing,
                "BEGIN;",
                "REBUILD \"users\" (\"id\", \"name\", \"email\") -> (\"id\", \"name\");",
                "UPDATE \"alembic_version\" SET version_num = '003' WHERE version_num = '002';",
                "COMMIT;",
            ],
            Statements(script));
        Assert.StartsWith("-- Waymark upgrade 002 -> 003 (fake)", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_downgrade_to_base_undoes_newest_first_and_deletes_the_last_version_row()
    {
        var script = await Writer(Chain()).DowngradeAsync("003", "base", CancellationToken.None);

        Assert.Equal(
            [
                "SET fake_session = on;",
                .. HistoryIfMissing,
                "BEGIN;",
                "OP add column users.email;",
                "UPDATE \"alembic_version\" SET version_num = '002' WHERE version_num = '003';",
                "COMMIT;",
                "BEGIN;",
                "DROP TABLE \"orders\";",
                "UPDATE \"alembic_version\" SET version_num = '001' WHERE version_num = '002';",
                "COMMIT;",
                "BEGIN;",
                "DROP TABLE \"users\";",
                "DELETE FROM \"alembic_version\" WHERE version_num = '001';",
                "COMMIT;",
            ],
            Statements(script));
        Assert.Contains("-- downgrade 001 -> base: create users (001_file.cs)", Lines(script));
        Assert.Contains("'downgrade'", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_transactional_migration_is_written_without_BEGIN_and_COMMIT()
    {
        var script = await Writer(Chain(transactional003: false)).UpgradeAsync("002", "003", CancellationToken.None);
        var migration = Lines(script).SkipWhile(l => !l.StartsWith("-- upgrade", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain("BEGIN;", migration);
        Assert.DoesNotContain("COMMIT;", migration);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = '003' WHERE version_num = '002';", Lines(script));
    }

    [Fact]
    public async Task A_dialect_without_transactional_ddl_gets_no_BEGIN_and_COMMIT()
    {
        var script = await Writer(Chain(), new FakeDialect { SupportsTransactionalDdl = false }).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.DoesNotContain("BEGIN;", Lines(script));
        Assert.DoesNotContain("COMMIT;", Lines(script));
        Assert.Contains("CREATE TABLE \"users\" (\"id\", \"name\", \"email\");", Lines(script));
    }

    [Fact]
    public async Task Through_a_merge_the_version_rows_are_added_for_a_second_branch_and_joined_by_the_merge()
    {
        var script = await Writer(Merged()).UpgradeAsync(null, "m", CancellationToken.None);

        Assert.Equal(
            [
                "INSERT INTO \"alembic_version\" (version_num) VALUES ('001');",
                "UPDATE \"alembic_version\" SET version_num = 'c1' WHERE version_num = '001';",
                "INSERT INTO \"alembic_version\" (version_num) VALUES ('x1');",
                "UPDATE \"alembic_version\" SET version_num = 'x2' WHERE version_num = 'x1';",
                "UPDATE \"alembic_version\" SET version_num = 'm' WHERE version_num = 'c1';",
                "DELETE FROM \"alembic_version\" WHERE version_num = 'x2';",
            ],
            Statements(script).Where(l => l.Contains("\"alembic_version\"", StringComparison.Ordinal) && !l.StartsWith("CREATE", StringComparison.Ordinal)));
        Assert.Equal(5, Lines(script).Count(l => l == "BEGIN;"));
        Assert.Equal(5, Lines(script).Count(l => l == "COMMIT;"));
    }

    [Fact]
    public async Task Data_statement_parameters_are_written_as_literals()
    {
        var graph = Graph(Rev("001", [], "seed", () => new ScriptedMigration(
            m => m.Execute("INSERT INTO settings (key, value) VALUES (@key, @value)", ("key", "motto"), ("value", "it's fine")),
            _ => { })));

        var script = await Writer(graph).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.Contains("INSERT INTO settings (key, value) VALUES ('motto', 'it''s fine');", Lines(script));
    }

    [Fact]
    public async Task Per_dialect_sql_for_another_dialect_writes_nothing()
    {
        var graph = Graph(Rev("001", [], "pg only", () => new ScriptedMigration(
            m => m.Sql(new Dictionary<string, string> { ["postgres"] = "CREATE EXTENSION citext" }),
            _ => { })));

        var script = await Writer(graph).UpgradeAsync(null, "head", CancellationToken.None);

        Assert.DoesNotContain("citext", script, StringComparison.Ordinal);
        Assert.Equal(["BEGIN;", "INSERT INTO \"alembic_version\" (version_num) VALUES ('001');", "COMMIT;"], Statements(script).Skip(3));
    }

    [Fact]
    public async Task Custom_bookkeeping_table_names_are_used()
    {
        var options = Options with { VersionTable = "schema_version", HistoryTable = "schema_history" };
        var writer = new OfflineScriptWriter(Linear(), new FakeDialect(), options, new FixedTimeProvider(Now));

        var script = await writer.UpgradeAsync(null, "001", CancellationToken.None);

        Assert.Contains("CREATE TABLE \"schema_version\" (\"version_num\");", Lines(script));
        Assert.Contains("INSERT INTO \"schema_version\" (version_num) VALUES ('001');", Lines(script));
        Assert.Contains(Lines(script), l => l.StartsWith("INSERT INTO \"schema_history\"", StringComparison.Ordinal));
        Assert.DoesNotContain("alembic_version", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_to_the_current_revision_writes_no_migration()
    {
        var script = await Writer(Chain()).UpgradeAsync("003", "head", CancellationToken.None);

        Assert.Equal(["SET fake_session = on;"], Statements(script));
    }

    [Fact]
    public async Task Targets_are_resolved_like_online_commands()
    {
        var writer = Writer(Chain());

        await Assert.ThrowsAsync<UnknownTargetException>(() => writer.UpgradeAsync("999", "head", CancellationToken.None));
        await Assert.ThrowsAsync<TargetOutOfRangeException>(() => writer.UpgradeAsync("003", "001", CancellationToken.None));
        await Assert.ThrowsAsync<TargetOutOfRangeException>(() => writer.DowngradeAsync("001", "002", CancellationToken.None));
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

using Waymark.Diagnosis;
using Waymark.Linting;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// <c>db lint</c> on a chain of dangerous revisions written here, one scenario per rule: the live database is at r1 with
/// rows (303 accounts, two sharing an email, one without an age; one team), the revisions above it are linted. Each
/// dialect says which findings it expects (as <c>RULE severity revision table</c>), so a dialect without an answer for a
/// scenario does not compile: what PostgreSQL reports from its locks, SQLite reports as table rebuilds, or not at all.
/// </summary>
public abstract class LintScenarios : DialectScenarios
{
    /// <summary>CREATE INDEX on accounts (nickname), in the migration's transaction.</summary>
    protected abstract string[] IndexOnExistingTable { get; }

    /// <summary>DROP INDEX ix_accounts_age, in the migration's transaction.</summary>
    protected abstract string[] IndexDroppedInTransaction { get; }

    /// <summary>accounts.age made NOT NULL (one live row has none).</summary>
    protected abstract string[] NotNullOnExistingColumn { get; }

    /// <summary>teams.color made NOT NULL the safe way: a NOT VALID check, validated in a later revision, then SET NOT NULL.</summary>
    protected abstract string[] NotNullTheSafeWay { get; }

    /// <summary>A foreign key accounts.team_id → teams added valid.</summary>
    protected abstract string[] ForeignKeyAddedValid { get; }

    /// <summary>The same key added NOT VALID, validated in a later revision.</summary>
    protected abstract string[] ForeignKeyAddedNotValidThenValidated { get; }

    /// <summary>A check added NOT VALID and validated in the same revision.</summary>
    protected abstract string[] CheckValidatedInTheRevisionThatAddsIt { get; }

    /// <summary>accounts.age changed from int to bigint.</summary>
    protected abstract string[] ColumnTypeChange { get; }

    /// <summary>A column added with a volatile default (PostgreSQL: random(); SQLite allows only constant ones).</summary>
    protected abstract string[] VolatileDefault { get; }

    /// <summary>A unique constraint on accounts (email), which two live rows share.</summary>
    protected abstract string[] UniqueConstraintLiveRowsBreak { get; }

    /// <summary>accounts.note dropped and accounts.nickname renamed (r2), the table teams dropped (r3).</summary>
    protected abstract string[] DropsAndRenames { get; }

    /// <summary>A NOT NULL column without a default added to accounts.</summary>
    protected abstract string[] NotNullColumnWithoutDefault { get; }

    /// <summary>An index on a table created by the revision before, in the same range (not in the live database).</summary>
    protected abstract string[] IndexOnATableNewInThisRange { get; }

    protected static Revision Base() => Rev("r1", null, m => m
        .CreateTable("teams", t =>
        {
            t.Id();
            t.String("name", 100).NotNull();
            t.String("color", 20);
        })
        .CreateTable("accounts", t =>
        {
            t.Id();
            t.String("email", 200).NotNull();
            t.String("nickname", 50);
            t.Int("age");
            t.Text("note");
            t.BigInt("team_id");
            t.Index(["age"], "ix_accounts_age");
        }), m => m.DropTable("accounts").DropTable("teams"));

    /// <summary>The live database: at r1, with rows.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.Migrator(Base()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO teams (name, color) VALUES ('red', '#f00')");
        await Db.ExecuteAsync("INSERT INTO accounts (email, nickname, age, note, team_id) VALUES " +
            "('ann@x', 'annie', 31, 'n', 1), ('ann@x', NULL, NULL, NULL, 1), ('bob@x', NULL, 42, NULL, NULL)");
        await Db.ExecuteAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) " +
            "INSERT INTO accounts (email, nickname, age, note) SELECT 'user' || i || '@x', 'nick' || i, i, 'padding to make it the larger table' FROM n");
    }

    /// <summary>Lints what the live database has not applied of r1 and <paramref name="pending"/>.</summary>
    protected Task<LintReport> LintAsync(params Revision[] pending) => LintAsync(null, pending);

    protected Task<LintReport> LintAsync(string? range, params Revision[] pending) =>
        new Linter(Graph([Base(), .. pending]), Db.NewProvider(), ScenarioDatabase.Options).LintAsync(range, CancellationToken.None);

    /// <summary>The findings as <c>RULE severity revision table</c>, in the report's order.</summary>
    protected static string[] Found(LintReport report) =>
        [.. report.Findings.Select(f => $"{f.Rule.Id} {f.Severity.ToString().ToLowerInvariant()} {f.Revision} {f.Table ?? "-"}")];

    [Fact]
    public async Task An_index_built_on_an_existing_table_inside_the_transaction_is_reported_where_it_blocks_writes()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.CreateIndex("accounts", ["nickname"]), m => m.DropIndex("accounts", "ix_accounts_nickname")));

        Assert.Equal(IndexOnExistingTable, Found(report));
        Assert.All(report.Findings, f =>
        {
            Assert.Equal(1, f.Statement);
            Assert.StartsWith("CREATE INDEX", f.Sql, StringComparison.Ordinal);
            Assert.Equal(303, f.Size!.Rows);
            Assert.Contains("concurrently: true", f.Rewrite, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_safe_rewrite_of_an_index_builds_it_concurrently_and_lints_clean()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.CreateIndex("accounts", ["nickname"], concurrently: true),
            m => m.DropIndex("accounts", "ix_accounts_nickname", concurrently: true)));

        Assert.Empty(report.Findings);
        Assert.Equal(["r2"], report.Revisions);
    }

    [Fact]
    public async Task An_index_dropped_inside_the_transaction_is_reported_and_one_dropped_concurrently_is_not()
    {
        var plain = await LintAsync(Rev("r2", "r1", m => m.DropIndex("accounts", "ix_accounts_age"), m => m.CreateIndex("accounts", ["age"])));
        Assert.Equal(IndexDroppedInTransaction, Found(plain));

        var concurrent = await LintAsync(Rev("r2", "r1", m => m.DropIndex("accounts", "ix_accounts_age", concurrently: true),
            m => m.CreateIndex("accounts", ["age"], concurrently: true)));
        Assert.Empty(concurrent.Findings);
    }

    [Fact]
    public async Task Not_null_on_an_existing_column_is_reported_with_the_live_rows_that_break_it()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.AlterColumn("accounts", "age", nullable: false),
            m => m.AlterColumn("accounts", "age", nullable: true)));

        Assert.Equal(NotNullOnExistingColumn, Found(report));
        var broken = Assert.Single(report.Findings, f => f.Rule == LintRules.BreaksLiveRows);
        Assert.Equal(1, broken.BrokenRows);
        Assert.Contains("1 row(s) of the live accounts break it", broken.Message, StringComparison.Ordinal);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public async Task Not_null_the_safe_way_lints_without_an_error_or_a_warning()
    {
        var report = await LintAsync(
            Rev("r2", "r1", m => m.AddCheckConstraint("teams", "ck_teams_color_not_null", "color IS NOT NULL", notValid: true),
                m => m.DropCheckConstraint("teams", "ck_teams_color_not_null")),
            Rev("r3", "r2", m => m.ValidateConstraint("teams", "ck_teams_color_not_null")
                .AlterColumn("teams", "color", nullable: false).DropCheckConstraint("teams", "ck_teams_color_not_null"),
                m => m.AlterColumn("teams", "color", nullable: true)
                    .AddCheckConstraint("teams", "ck_teams_color_not_null", "color IS NOT NULL", notValid: true)));

        Assert.Equal(NotNullTheSafeWay, Found(report));
        Assert.DoesNotContain(report.Findings, f => f.Severity != FindingSeverity.Info);
    }

    [Fact]
    public async Task A_foreign_key_added_valid_is_reported_and_added_not_valid_then_validated_later_is_clean()
    {
        var valid = await LintAsync(Rev("r2", "r1", m => m.AddForeignKey("accounts", "team_id", "teams"),
            m => m.DropForeignKey("accounts", "fk_accounts_team_id")));
        Assert.Equal(ForeignKeyAddedValid, Found(valid));

        var safe = await LintAsync(
            Rev("r2", "r1", m => m.AddForeignKey("accounts", "team_id", "teams", notValid: true),
                m => m.DropForeignKey("accounts", "fk_accounts_team_id")),
            Rev("r3", "r2", m => m.ValidateConstraint("accounts", "fk_accounts_team_id")));
        Assert.Equal(ForeignKeyAddedNotValidThenValidated, Found(safe));
    }

    [Fact]
    public async Task A_check_validated_in_the_revision_that_adds_it_is_reported()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m
            .AddCheckConstraint("accounts", "ck_accounts_age", "age >= 0", notValid: true)
            .ValidateConstraint("accounts", "ck_accounts_age"), m => m.DropCheckConstraint("accounts", "ck_accounts_age")));

        Assert.Equal(CheckValidatedInTheRevisionThatAddsIt, Found(report));
    }

    [Fact]
    public async Task A_column_type_change_that_rewrites_the_table_is_reported()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.AlterColumn("accounts", "age", ColumnType.BigInt),
            m => m.AlterColumn("accounts", "age", ColumnType.Int)));

        Assert.Equal(ColumnTypeChange, Found(report));
    }

    [Fact]
    public async Task A_column_added_with_a_volatile_default_is_reported_from_what_the_statement_did()
    {
        // Raw SQL: the linter sees the rewrite in the catalog, not in the operation.
        var report = await LintAsync(Rev("r2", "r1", m => m.Sql(new Dictionary<string, string>
        {
            ["postgres"] = "ALTER TABLE accounts ADD COLUMN score double precision DEFAULT random()",
            ["sqlite"] = "ALTER TABLE accounts ADD COLUMN score REAL DEFAULT 0",
        }), m => m.DropColumn("accounts", "score")));

        Assert.Equal(VolatileDefault, Found(report));
    }

    [Fact]
    public async Task A_unique_constraint_is_reported_with_the_live_rows_that_share_values()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.AddUniqueConstraint("accounts", ["email"]),
            m => m.DropUniqueConstraint("accounts", "uq_accounts_email")));

        Assert.Equal(UniqueConstraintLiveRowsBreak, Found(report));
        Assert.Equal(2, Assert.Single(report.Findings, f => f.Rule == LintRules.BreaksLiveRows).BrokenRows);
    }

    [Fact]
    public async Task A_unique_index_built_concurrently_is_still_reported_when_live_rows_break_it()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.CreateIndex("accounts", ["email"], unique: true, concurrently: true),
            m => m.DropIndex("accounts", "ix_accounts_email", concurrently: true)));

        Assert.Equal(["WM111 error r2 accounts"], Found(report));
    }

    [Fact]
    public async Task Dropped_and_renamed_columns_and_tables_are_reported()
    {
        var report = await LintAsync(
            Rev("r2", "r1", m => m.DropColumn("accounts", "note").RenameColumn("accounts", "nickname", "handle"),
                m => m.RenameColumn("accounts", "handle", "nickname").AddColumn("accounts", "note", ColumnType.Text)),
            Rev("r3", "r2", m => m.RenameTable("teams", "squads"), m => m.RenameTable("squads", "teams")));

        Assert.Equal(DropsAndRenames, Found(report));
    }

    [Fact]
    public async Task A_not_null_column_without_a_default_breaks_every_live_row()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.AddColumn("accounts", "plan", ColumnType.String(20), nullable: false),
            m => m.DropColumn("accounts", "plan")));

        Assert.Equal(NotNullColumnWithoutDefault, Found(report));
        Assert.Equal(303, Assert.Single(report.Findings, f => f.Rule == LintRules.BreaksLiveRows).BrokenRows);
    }

    [Fact]
    public async Task A_migration_without_a_downgrade_is_reported()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.AddColumn("accounts", "plan", ColumnType.String(20))));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("WM112 warning r2 -", Found(report)[0]);
        Assert.Contains("r2_migration.cs records 1 operation(s) in Upgrade and none in Downgrade", finding.Message, StringComparison.Ordinal);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task A_table_created_earlier_in_the_range_and_not_in_the_live_database_only_gets_info()
    {
        var report = await LintAsync(
            Rev("r2", "r1", m => m.CreateTable("events", t =>
            {
                t.Id();
                t.String("kind", 20);
            }), m => m.DropTable("events")),
            Rev("r3", "r2", m => m.CreateIndex("events", ["kind"]), m => m.DropIndex("events", "ix_events_kind")));

        Assert.Equal(IndexOnATableNewInThisRange, Found(report));
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task Findings_are_ranked_by_the_size_of_their_live_table()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.DropColumn("teams", "color").DropColumn("accounts", "note"),
            m => m.AddColumn("accounts", "note", ColumnType.Text).AddColumn("teams", "color", ColumnType.String(20))));

        Assert.Equal(["accounts", "teams"], report.Findings.Where(f => f.Rule == LintRules.DropInUse).Select(f => f.Table));
    }

    [Fact]
    public async Task A_range_lints_only_its_revisions_and_the_live_database_is_left_as_it_was()
    {
        var schema = await Db.ReadSchemaAsync();
        var next = Rev("r2", "r1", m => m.CreateIndex("accounts", ["nickname"]), m => m.DropIndex("accounts", "ix_accounts_nickname"));

        var first = await LintAsync("base:r1", next);
        var both = await LintAsync("base:head", next);

        Assert.Equal(["r1"], first.Revisions);
        Assert.Empty(first.Findings);
        Assert.Equal(["r1", "r2"], both.Revisions);
        Assert.Equal(IndexOnExistingTable, Found(both));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Equal(schema, await Db.ReadSchemaAsync());
        Assert.Equal(303, await Db.CountAsync("accounts"));
    }

    [Fact]
    public async Task A_malformed_range_or_an_unknown_revision_is_bad_usage()
    {
        await Assert.ThrowsAnyAsync<WaymarkUsageException>(() => LintAsync("r1:r2:r3"));
        await Assert.ThrowsAnyAsync<WaymarkUsageException>(() => LintAsync("nope:head"));
    }
}

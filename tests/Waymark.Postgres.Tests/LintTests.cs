using Waymark.Linting;
using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>The shared <c>db lint</c> scenarios on PostgreSQL: findings read from pg_locks, relfilenode, atthasmissing, convalidated.</summary>
public sealed class PostgresLintTests : LintScenarios
{
    protected override string[] IndexOnExistingTable => ["WM101 error r2 accounts"];

    protected override string[] IndexDroppedInTransaction => ["WM102 warning r2 accounts"];

    protected override string[] NotNullOnExistingColumn => ["WM103 error r2 accounts", "WM111 error r2 accounts"];

    protected override string[] NotNullTheSafeWay => [];

    protected override string[] ForeignKeyAddedValid => ["WM104 error r2 accounts"];

    protected override string[] ForeignKeyAddedNotValidThenValidated => [];

    protected override string[] CheckValidatedInTheRevisionThatAddsIt => ["WM105 warning r2 accounts"];

    protected override string[] ColumnTypeChange => ["WM106 error r2 accounts"];

    protected override string[] VolatileDefault => ["WM107 error r2 accounts"];

    protected override string[] UniqueConstraintLiveRowsBreak => ["WM108 error r2 accounts", "WM111 error r2 accounts"];

    protected override string[] DropsAndRenames => ["WM109 warning r2 accounts", "WM110 warning r2 accounts", "WM110 warning r3 teams"];

    protected override string[] NotNullColumnWithoutDefault => ["WM111 error r2 accounts"];

    protected override string[] IndexOnATableNewInThisRange => ["WM101 info r3 events"];

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    [Fact]
    public async Task A_finding_names_the_lock_the_statement_took_the_live_size_and_how_long_the_work_lasts_there()
    {
        var report = await LintAsync(Rev("r2", "r1", m => m.CreateIndex("accounts", ["nickname"]), m => m.DropIndex("accounts", "ix_accounts_nickname")));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(new SessionLock("accounts", "ShareLock"), finding.Lock);
        Assert.True(finding.Lock!.BlocksWrites);
        Assert.False(finding.Lock.BlocksReads);
        Assert.True(finding.Size!.Bytes > 8192);
        Assert.NotNull(finding.Estimate);
        Assert.Equal("postgres", report.Dialect);
    }

    [Fact]
    public async Task A_column_added_with_a_constant_default_is_not_a_rewrite()
    {
        // PostgreSQL 11+ keeps the default in the catalog (atthasmissing) instead of writing it into every row.
        var report = await LintAsync(Rev("r2", "r1", m => m.AddColumn("accounts", "plan", Schema.ColumnType.String(20), nullable: false, "free"),
            m => m.DropColumn("accounts", "plan")));

        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task Linting_from_base_for_an_empty_live_database_gives_only_info_on_the_tables_the_range_creates()
    {
        await using var empty = await TestDatabase.CreateAsync();
        var graph = Graph(Base(), Rev("r2", "r1", m => m.CreateIndex("accounts", ["nickname"]), m => m.DropIndex("accounts", "ix_accounts_nickname")));

        var report = await new Linter(graph, empty.Provider(), ScenarioDatabase.Options).LintAsync("base:head", CancellationToken.None);

        Assert.Equal(["WM101 info r2 accounts"], Found(report));
        Assert.Contains("is not in the live database yet", report.Findings[0].Message, StringComparison.Ordinal);
    }
}

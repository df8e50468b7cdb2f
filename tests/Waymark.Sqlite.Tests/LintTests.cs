using Waymark.Diagnosis;
using Waymark.Linting;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

/// <summary>
/// The shared <c>db lint</c> scenarios on SQLite: no table locks to read and no concurrent builds, but table rebuilds (read
/// from the root pages), a lost AUTOINCREMENT, and the live rows a change breaks.
/// </summary>
public sealed class SqliteLintTests : LintScenarios
{
    protected override string[] IndexOnExistingTable => [];

    protected override string[] IndexDroppedInTransaction => [];

    protected override string[] NotNullOnExistingColumn => ["WM111 error r2 accounts", "WM120 info r2 accounts"];

    protected override string[] NotNullTheSafeWay => ["WM120 info r2 teams", "WM120 info r3 teams"];

    protected override string[] ForeignKeyAddedValid => ["WM120 info r2 accounts"];

    protected override string[] ForeignKeyAddedNotValidThenValidated => ["WM120 info r2 accounts"];

    protected override string[] CheckValidatedInTheRevisionThatAddsIt => ["WM120 info r2 accounts"];

    protected override string[] ColumnTypeChange => ["WM120 info r2 accounts"];

    protected override string[] VolatileDefault => [];

    protected override string[] UniqueConstraintLiveRowsBreak => ["WM111 error r2 accounts", "WM120 info r2 accounts"];

    protected override string[] DropsAndRenames =>
        ["WM109 warning r2 accounts", "WM110 warning r2 accounts", "WM110 warning r3 teams", "WM120 info r2 accounts"];

    protected override string[] NotNullColumnWithoutDefault => ["WM111 error r2 accounts", "WM120 info r2 accounts"];

    protected override string[] IndexOnATableNewInThisRange => [];

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    [Fact]
    public async Task A_rebuild_of_a_table_with_as_many_live_rows_as_LargeTableRows_is_a_warning()
    {
        var revision = Rev("r2", "r1", m => m.AlterColumn("accounts", "note", Schema.ColumnType.String(500)),
            m => m.AlterColumn("accounts", "note", Schema.ColumnType.Text));
        var graph = Graph(Base(), revision);

        var small = await new Linter(graph, Db.NewProvider(), ScenarioDatabase.Options) { LargeTableRows = 304 }.LintAsync(null, CancellationToken.None);
        var large = await new Linter(graph, Db.NewProvider(), ScenarioDatabase.Options) { LargeTableRows = 303 }.LintAsync(null, CancellationToken.None);

        Assert.Equal(["WM120 info r2 accounts"], Found(small));
        Assert.Equal(["WM120 warning r2 accounts"], Found(large));
        Assert.Equal(FindingSeverity.Warning, large.Findings[0].Severity);
        Assert.Contains("(table rebuild, statements 1–", large.Findings[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_written_rebuild_that_loses_the_autoincrement_of_the_key_is_an_error_and_not_a_dropped_table()
    {
        var create = Rev("r2", "r1", m => m.Sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT)"),
            m => m.DropTable("invoices"));
        await Db.Migrator(Base(), create).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO invoices (number) VALUES ('A-1')");
        var rebuild = Rev("r3", "r2", m => m.Sql("CREATE TABLE invoices_new (id INTEGER PRIMARY KEY, number TEXT NOT NULL DEFAULT '')")
            .Sql("INSERT INTO invoices_new (id, number) SELECT id, number FROM invoices")
            .Sql("DROP TABLE invoices")
            .Sql("ALTER TABLE invoices_new RENAME TO invoices"), m => m.Sql("SELECT 1"));

        var report = await LintAsync(create, rebuild);

        Assert.Equal(["WM121 error r3 invoices"], Found(report));
        Assert.Equal(4, report.Findings[0].Statement);
    }
}

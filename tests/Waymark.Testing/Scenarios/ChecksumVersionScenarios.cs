using Waymark.Diagnosis;
using Waymark.Revisions;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// The history records, with each migration's SQL checksum, the checksum of its operations as data and the Waymark that
/// wrote the SQL: the doctor tells SQL that a new Waymark writes differently from a migration someone edited.
/// </summary>
public abstract class ChecksumVersionScenarios : DialectScenarios
{
    private static Revision[] Revisions(string seeded = "ada") =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("name", 100);
        }), m => m.DropTable("users")),
        Rev("r2", "r1", m => m.Execute("INSERT INTO users (name) VALUES (@name)", ("name", seeded)), m => m.Execute("DELETE FROM users")),
    ];

    private Doctor Doctor(params Revision[] revisions) => new(new RevisionGraph(revisions), Db.NewProvider(), ScenarioDatabase.Options);

    [Fact]
    public async Task Other_SQL_recorded_by_an_older_Waymark_for_the_same_operations_is_reported_as_a_Waymark_change_not_as_an_edit()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync($"UPDATE waymark_history SET checksum = '{new string('0', 64)}', waymark_version = '0.0.9' WHERE revision = 'r1'");

        var report = await Doctor(Revisions()).ExamineAsync(CancellationToken.None);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("sql-changed-by-waymark", finding.Code);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.StartsWith("SQL changed by Waymark 0.0.9 -> ", finding.Message, StringComparison.Ordinal);
        Assert.Contains(", the migration itself is unchanged: revision r1 (r1_migration.cs)", finding.Message, StringComparison.Ordinal);
        Assert.True(report.IsHealthy);
    }

    [Fact]
    public async Task An_edited_migration_is_reported_as_edited_even_when_an_older_Waymark_recorded_it()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("UPDATE waymark_history SET waymark_version = '0.0.9'");

        var report = await Doctor(Revisions(seeded: "grace")).ExamineAsync(CancellationToken.None);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("migration-changed", finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("The migration of revision r2 (r2_migration.cs) has changed since it was applied here", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_table_of_an_older_Waymark_is_read_as_it_is_and_gets_the_new_columns_at_the_next_run()
    {
        await Db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        await Db.ExecuteAsync("ALTER TABLE waymark_history DROP COLUMN operations_checksum");
        await Db.ExecuteAsync("ALTER TABLE waymark_history DROP COLUMN waymark_version");

        var before = await Doctor(Revisions()).ExamineAsync(CancellationToken.None);
        await Db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var after = await Doctor(Revisions()).ExamineAsync(CancellationToken.None);

        Assert.Empty(before.Findings);
        Assert.Equal(["r1"], before.Match!.Versions);
        Assert.Equal(
            ["r1|-|-", $"r2|64|{Execution.WaymarkVersion.Current}"],
            await Db.RowsAsync("SELECT revision || '|' || CASE WHEN operations_checksum IS NULL THEN '-' ELSE CAST(length(operations_checksum) AS varchar(5)) END " +
                "|| '|' || CASE WHEN waymark_version IS NULL THEN '-' ELSE waymark_version END FROM waymark_history ORDER BY id"));
        Assert.Empty(after.Findings);
    }
}

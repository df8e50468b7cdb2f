using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// <c>db doctor</c> when the schema itself is off, on SQLite and PostgreSQL: a partly applied revision (matches
/// none), drift (a table made by hand), a migration edited after it was applied. <c>--fix</c> changes nothing.
/// </summary>
public sealed class DoctorSchemaFindingTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Revision_019_with_two_of_its_four_tables_dropped_matches_no_revision_names_019_and_fix_changes_nothing(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "019");
        await db.ExecuteAsync("DROP TABLE refresh_tokens; DROP TABLE subscription_events");
        var before = await db.StateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor");

        examined.ShouldExitWith(1);
        Assert.Equal("", examined.StdErr);
        Assert.Equal("Recorded:  019", examined.OutLines[1]);
        Assert.Equal("Schema:    matches no revision; nearest is 019", examined.OutLines[2]);
        Assert.Contains("error    schema-matches-no-revision", examined.OutLines);
        Assert.DoesNotContain(examined.OutLines, l => l.StartsWith("         fix:", StringComparison.Ordinal));
        Assert.Equal("Next: Resolve the errors above by hand (docs/troubleshooting.md says how), then run 'db doctor' again.", examined.OutLines[^1]);

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        fixedRun.ShouldExitWith(1);
        var report = DoctorJson.Parse(fixedRun);
        Assert.Equal(["019"], report.Recorded);
        Assert.Equal("none", report.Level);
        Assert.Null(report.Matches);
        Assert.Equal(["019"], report.Nearest);
        Assert.Equal([new JsonDifference("table refresh_tokens is missing", false), new JsonDifference("table subscription_events is missing", false)], report.Differences);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("schema-matches-no-revision", "error", null, false), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.Contains("The nearest is 019, from which it differs in: table refresh_tokens is missing; table subscription_events is missing. ", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Healthy);
        Assert.Equal(before, await db.StateAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task A_table_made_by_hand_is_drift_named_in_a_warning_and_fix_leaves_it_and_its_rows(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        await db.ExecuteAsync("CREATE TABLE legacy_reports (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL); INSERT INTO legacy_reports (id, title) VALUES (1, 'kept')");
        var before = await db.StateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor");

        examined.ShouldExitWith(1);
        Assert.Equal($"Schema:    {ExpectedChain.Head} (exact match)", examined.OutLines[2]);
        Assert.Contains("warning  drift", examined.OutLines);
        Assert.Equal("Next: The version record is right; look at the warnings above.", examined.OutLines[^1]);

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        fixedRun.ShouldExitWith(1);
        var report = DoctorJson.Parse(fixedRun);
        Assert.Equal([ExpectedChain.Head], report.Matches);
        Assert.Equal("exact", report.Level);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("drift", "warning", null, false), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.StartsWith("Tables that no revision creates: legacy_reports. ", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Healthy);
        Assert.Equal(before, await db.StateAsync());
        Assert.Equal<string?>(["kept"], await db.ColumnAsync("SELECT title FROM legacy_reports"));

    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task A_migration_changed_after_it_was_applied_is_a_warning_naming_010_and_its_file(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        await db.ExecuteAsync($"UPDATE waymark_history SET checksum = '{new string('a', 64)}' WHERE revision = '010'");
        var before = await db.StateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        Assert.Equal([ExpectedChain.Head], report.Matches);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("migration-changed", "warning", null, false), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.StartsWith("The migration of revision 010 (010_create_invoice_items.cs) has changed since it was applied here (checksum aaaaaaaaaaaa… then, ", finding.Message, StringComparison.Ordinal);
        Assert.Equal("The version record is right; look at the warnings above.", report.Next);

        Assert.Equal(before, await db.StateAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task An_index_added_by_hand_before_019_rebuilt_its_table_is_an_extra_index_not_an_edited_migration(string dialect)
    {
        // On SQLite 019's unique constraint on organizations rebuilds the table, putting the hand-made index back.
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "018");
        await db.ExecuteAsync("CREATE INDEX ix_organizations_name_by_hand ON organizations (name)");
        (await db.RunAsync(_sandbox, "upgrade")).ShouldExitWith(0);

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(0);
        var report = DoctorJson.Parse(examined);
        Assert.Equal([ExpectedChain.Head], report.Matches);
        Assert.Equal("equivalent", report.Level);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("equivalent-schema", "info"), (finding.Code, finding.Severity));
        Assert.Contains("ix_organizations_name_by_hand", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Healthy);
    }
}

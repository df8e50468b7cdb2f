using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// <c>db doctor</c> when the version record is wrong (missing, ahead of the schema, naming an unknown revision),
/// on SQLite and PostgreSQL: each scenario built for real, then the exit code, text, JSON and the database after
/// <c>--fix</c>. (The record behind the schema, the seed's case, is in <see cref="DoctorRepairTests"/>.)
/// </summary>
public sealed class DoctorVersionRecordTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task A_create_all_database_at_015_without_version_or_history_table_is_found_at_015_and_fix_stamps_it(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "015");
        await db.ExecuteAsync("DROP TABLE alembic_version; DROP TABLE waymark_history");
        var userState = await db.UserStateAsync();
        var tables = await db.TablesAsync();

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        Assert.Null(report.Recorded);
        Assert.Equal("exact", report.Level);
        Assert.Equal(["015"], report.Matches);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("no-version-record", "error", "db stamp 015", true), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.StartsWith("There is no version record (no version table), but the schema is exactly that of 015", finding.Message, StringComparison.Ordinal);
        Assert.Equal(tables, await db.TablesAsync());

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix");

        fixedRun.ShouldExitWith(0);
        Assert.Equal("", fixedRun.StdErr);
        Assert.Equal("Recorded:  015", fixedRun.OutLines[1]);
        Assert.Contains("info     fixed", fixedRun.OutLines);
        Assert.Contains("         Fixed: the version record said nothing (no version table) and now says 015 (a 'doctor' row in waymark_history records it). No table or row was touched.", fixedRun.OutLines);
        Assert.Equal($"Next: Run 'db upgrade' to apply the {ExpectedChain.CountAfter("015")} pending revision(s).", fixedRun.OutLines[^1]);
        Assert.Equal(["015"], await db.VersionsAsync());
        Assert.Equal(["015 doctor -"], await db.HistoryAsync());
        Assert.Equal([.. tables.Append("alembic_version").Append("waymark_history").Order(StringComparer.Ordinal)], await db.TablesAsync());
        Assert.Equal(userState, await db.UserStateAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Recorded_019_with_the_schema_of_017_is_recorded_ahead_fix_stamps_017_and_upgrade_then_reaches_the_head(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "017");
        await db.ExecuteAsync("UPDATE alembic_version SET version_num = '019'");
        var userState = await db.UserStateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        Assert.Equal(["019"], report.Recorded);
        Assert.Equal(["017"], report.Matches);
        Assert.Equal("exact", report.Level);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("recorded-ahead-of-schema", "error", "db stamp 017, then db upgrade", true), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.StartsWith("The version record says 019, but the objects of 018, 019 are missing: the schema is exactly that of 017.", finding.Message, StringComparison.Ordinal);

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        fixedRun.ShouldExitWith(0);
        var after = DoctorJson.Parse(fixedRun);
        Assert.Equal(["fixed"], after.Codes);
        Assert.Equal(["017"], after.Recorded);
        Assert.True(after.Healthy);
        Assert.Equal($"Run 'db upgrade' to apply the {ExpectedChain.CountAfter("017")} pending revision(s).", after.Next);
        Assert.Equal(["017"], await db.VersionsAsync());
        Assert.Equal("017 doctor 019", (await db.HistoryAsync())[^1]);
        Assert.Equal(userState, await db.UserStateAsync());

        var upgrade = await db.RunAsync(_sandbox, "upgrade");

        upgrade.ShouldExitWith(0);
        Assert.StartsWith("Upgraded 017 -> 018: add organizations (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.Equal([ExpectedChain.Head], await db.VersionsAsync());
        Assert.Equal([.. ExpectedChain.TablesAtHead.Append("alembic_version").Append("waymark_history").Order(StringComparer.Ordinal)], await db.TablesAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task A_recorded_revision_no_script_defines_with_the_schema_of_the_head_is_reported_and_fix_stamps_the_head(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        await db.ExecuteAsync("UPDATE alembic_version SET version_num = '042'");
        var userState = await db.UserStateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor");

        examined.ShouldExitWith(1);
        Assert.Equal("Recorded:  042", examined.OutLines[1]);
        Assert.Equal($"Schema:    {ExpectedChain.Head} (exact match)", examined.OutLines[2]);
        Assert.Contains("error    unknown-recorded-revision", examined.OutLines);
        Assert.Contains($"         The version record names 042, which no migration script declares (a script renamed or removed, or a database migrated by another version of the application). The schema is exactly that of {ExpectedChain.Head}.", examined.OutLines);
        Assert.Contains($"         fix: db stamp {ExpectedChain.Head}   (safe: only the version record; --fix applies it)", examined.OutLines);

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        fixedRun.ShouldExitWith(0);
        var after = DoctorJson.Parse(fixedRun);
        Assert.Equal(["fixed"], after.Codes);
        Assert.Equal($"Fixed: the version record said 042 and now says {ExpectedChain.Head} (a 'doctor' row in waymark_history records it). No table or row was touched.", after.Findings[0].Message);
        Assert.Equal("Nothing to do: the database is at head and its schema is what the migrations make.", after.Next);
        Assert.Equal([ExpectedChain.Head], await db.VersionsAsync());
        Assert.Equal($"{ExpectedChain.Head} doctor 042", (await db.HistoryAsync())[^1]);
        Assert.Equal(userState, await db.UserStateAsync());
    }
}

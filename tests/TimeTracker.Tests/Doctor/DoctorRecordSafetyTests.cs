using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// Version records the doctor must not "repair" blindly: a contradictory record gets its own finding, and a
/// revision no script knows next to tables no script creates (a newer release migrated the database) is no safe fix.
/// </summary>
public sealed class DoctorRecordSafetyTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Rows_017_and_018_for_a_schema_at_018_are_an_inconsistent_record_that_fix_replaces_with_018(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "018");
        await db.ExecuteAsync("INSERT INTO alembic_version (version_num) VALUES ('017')");

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var finding = Assert.Single(DoctorJson.Parse(examined).Findings);
        Assert.Equal(("inconsistent-version-record", "db stamp 018", true), (finding.Code, finding.Fix, finding.SafeFix));
        Assert.Contains("017 is an ancestor of another of them", finding.Message, StringComparison.Ordinal);

        (await db.RunAsync(_sandbox, "doctor", "--fix")).ShouldExitWith(0);
        Assert.Equal(["018"], await db.VersionsAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task An_unknown_recorded_revision_beside_unknown_tables_is_no_safe_fix_and_fix_leaves_the_record(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        // What a newer release's revision (999, far past this chain's head) might have left: its record and its table.
        await db.ExecuteAsync("UPDATE alembic_version SET version_num = '999'; CREATE TABLE widgets (id integer PRIMARY KEY)");

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        var unknown = Assert.Single(report.Findings, f => f.Code == "unknown-recorded-revision");
        Assert.False(unknown.SafeFix);
        Assert.Contains("a newer version of the application has probably migrated it", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("widgets", unknown.Message, StringComparison.Ordinal);

        (await db.RunAsync(_sandbox, "doctor", "--fix")).ShouldExitWith(1);
        Assert.Equal(["999"], await db.VersionsAsync());
    }
}

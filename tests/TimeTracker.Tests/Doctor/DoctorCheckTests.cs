using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// <c>db check</c> (and the doctor on a healthy database), on SQLite and PostgreSQL: exit 0 at head, exit 1 with
/// one line per reason below head or with drift.
/// </summary>
public sealed class DoctorCheckTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task At_head_doctor_finds_nothing_and_check_says_ok_with_exit_0(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        var before = await db.StateAsync();

        var doctor = await db.RunAsync(_sandbox, "doctor", "--json");
        var check = await db.RunAsync(_sandbox, "check");

        doctor.ShouldExitWith(0);
        var report = DoctorJson.Parse(doctor);
        Assert.Equal([ExpectedChain.Head], report.Recorded);
        Assert.Equal([ExpectedChain.Head], report.Matches);
        Assert.Equal("exact", report.Level);
        Assert.Empty(report.Differences);
        Assert.Empty(report.Findings);
        Assert.True(report.Healthy);
        Assert.Equal("Nothing to do: the database is at head and its schema is what the migrations make.", report.Next);
        Assert.Equal(db.Url, report.Database);
        check.ShouldExitWith(0);
        Assert.Equal("", check.StdErr);
        Assert.Equal([$"ok: at head ({ExpectedChain.Head}), and the schema is what the migrations make"], check.OutLines);
        Assert.Equal(before, await db.StateAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Check_below_head_exits_1_with_one_line_and_with_drift_too_one_line_per_reason(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "017");

        var behind = await db.RunAsync(_sandbox, "check");

        // The version record is true (the doctor has nothing to say), but check wants head.
        behind.ShouldExitWith(1);
        Assert.Equal([$"not-at-head: the database is at 017, the scripts' head is {ExpectedChain.Head}"], behind.OutLines);

        await db.ExecuteAsync("CREATE TABLE legacy_reports (id INTEGER PRIMARY KEY)");
        var both = await db.RunAsync(_sandbox, "check");

        both.ShouldExitWith(1);
        Assert.Equal(["drift: Tables that no revision creates: legacy_reports.", $"not-at-head: the database is at 017, the scripts' head is {ExpectedChain.Head}"], both.OutLines);
        Assert.Equal(["017"], await db.VersionsAsync());
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Check_replay_proves_every_revision_up_down_and_up_again_with_exit_0_and_leaves_the_database_alone(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, ExpectedChain.Head);
        var before = await db.StateAsync();

        var check = await db.RunAsync(_sandbox, "check", "--replay");

        check.ShouldExitWith(0);
        Assert.Equal("", check.StdErr);
        Assert.Equal([$"ok: {ExpectedChain.Ids.Count} revision(s) upgraded, downgraded " +
            "and upgraded again with the same schemas"], check.OutLines);
        Assert.Equal(before, await db.StateAsync());
    }
}

using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// <c>db doctor</c> on a revision applied in part, on SQLite and PostgreSQL: 018 recorded, and 019's script stopped
/// after two of its four tables (as a hand-run script or a revision run statement by statement does). The doctor names
/// 019, lists its statements present and missing, and writes two scripts; either one, applied by hand with sqlite3 or
/// psql as the README applies offline scripts, leaves a database the doctor calls healthy.
/// </summary>
public sealed class DoctorPartialRevisionTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    /// <summary>The statements of 019's offline script up to its third table: its first two tables, with their keys and indexes.</summary>
    private async Task<string> FirstTwoTablesOf019Async(DoctorDatabase db)
    {
        var script = await db.RunAsync(_sandbox, "upgrade", "--sql", "018:019");
        script.ShouldExitWith(0);
        var heading = script.StdOut.IndexOf("-- upgrade 018 -> 019", StringComparison.Ordinal);
        var start = script.StdOut.IndexOf("BEGIN;\n", heading, StringComparison.Ordinal) + "BEGIN;\n".Length;
        var end = script.StdOut.IndexOf("CREATE TABLE \"refresh_tokens\"", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, script.StdOut);
        return script.StdOut[start..end];
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite, "complete")]
    [InlineData(DoctorDatabase.Postgres, "complete")]
    [InlineData(DoctorDatabase.Sqlite, "undo")]
    [InlineData(DoctorDatabase.Postgres, "undo")]
    public async Task Revision_019_stopped_after_two_of_its_four_tables_is_applied_in_part_and_either_script_applied_by_hand_leaves_it_healthy(string dialect, string kind)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "018");
        await db.ExecuteAsync(await FirstTwoTablesOf019Async(db));
        var before = await db.StateAsync();
        var directory = Path.Combine(_sandbox.Root, "repair");

        var text = await db.RunAsync(_sandbox, "doctor");
        var json = await db.RunAsync(_sandbox, "doctor", "--json", "--scripts", directory);

        text.ShouldExitWith(1);
        Assert.Equal("", text.StdErr);
        Assert.Equal("Recorded:  018", text.OutLines[1]);
        Assert.Contains("error    revision-applied-in-part", text.OutLines);
        Assert.Contains("Revision 019, statement by statement:", text.OutLines);
        Assert.Contains("  present             1. create table password_reset_tokens", text.OutLines);
        Assert.Contains("  present             2. create table email_verification_tokens", text.OutLines);
        Assert.Contains("  missing             3. create table refresh_tokens", text.OutLines);
        Assert.Contains("  missing             4. create table subscription_events", text.OutLines);
        Assert.Contains("  missing             5. add column users.password_hash", text.OutLines);
        Assert.DoesNotContain(text.OutLines, l => l.StartsWith("Wrote ", StringComparison.Ordinal));
        Assert.Equal("Next: Write the scripts with 'db doctor --scripts DIR', apply 019-complete.sql or 019-undo.sql with sqlite3 or psql, then run 'db doctor' again.", text.OutLines[^1]);

        json.ShouldExitWith(1);
        var report = DoctorJson.Parse(json);
        Assert.Equal(["018"], report.Recorded);
        Assert.Null(report.Matches);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("revision-applied-in-part", "error", false), (finding.Code, finding.Severity, finding.SafeFix));
        var partial = report.PartiallyApplied!;
        Assert.Equal("019", partial.Revision);
        Assert.StartsWith($"Revision 019 (019_add_auth_features.cs) was applied in part: the version record says 018, and 2 of its {partial.Statements.Count} statements have left their change in the schema", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Present: 1. create table password_reset_tokens; 2. create table email_verification_tokens. Missing: 3. create table refresh_tokens; 4. create table subscription_events; 5. add column users.password_hash;", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["password_reset_tokens", "email_verification_tokens"],
            partial.Statements.Where(s => s.State == "present").Select(s => s.Description["create table ".Length..]));
        Assert.All(partial.Statements.Skip(2), s => Assert.Equal("missing", s.State));
        Assert.Null(partial.UndoUnavailable);
        Assert.Equal([Path.Combine(directory, "019-complete.sql"), Path.Combine(directory, "019-undo.sql")], partial.Written);
        Assert.Equal(partial.CompleteScript, await File.ReadAllTextAsync(partial.Written[0]));
        Assert.Equal(partial.UndoScript, await File.ReadAllTextAsync(partial.Written[1]));
        Assert.DoesNotContain("CREATE TABLE \"password_reset_tokens\"", partial.CompleteScript, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"refresh_tokens\"", partial.CompleteScript, StringComparison.Ordinal);
        // The doctor wrote files, never the database.
        Assert.Equal(before, await db.StateAsync());

        var applied = await db.ApplyWithClientAsync(Path.Combine(directory, $"019-{kind}.sql"), _sandbox.Root);

        applied.ShouldExitWith(0);
        var after = await db.RunAsync(_sandbox, "doctor");
        after.ShouldExitWith(0);
        var tables = await db.TablesAsync();
        if (kind == "complete")
        {
            Assert.Equal(["Recorded:  019", "Schema:    019 (exact match)"], after.OutLines.Skip(1).Take(2));
            Assert.Equal(["019"], await db.VersionsAsync());
            Assert.Equal("019 upgrade 018", (await db.HistoryAsync())[^1]);
            Assert.Contains("refresh_tokens", tables);
            Assert.Contains("subscription_events", tables);
        }
        else
        {
            Assert.Equal(["Recorded:  018", "Schema:    018 (exact match)"], after.OutLines.Skip(1).Take(2));
            Assert.Equal(["018"], await db.VersionsAsync());
            Assert.DoesNotContain("password_reset_tokens", tables);
            Assert.DoesNotContain("email_verification_tokens", tables);
        }
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task A_revision_recorded_with_none_of_the_next_ones_changes_is_not_called_applied_in_part(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "019");
        await db.ExecuteAsync("DROP TABLE refresh_tokens; DROP TABLE subscription_events");

        var report = DoctorJson.Parse(await db.RunAsync(_sandbox, "doctor", "--json"));

        Assert.Equal(["schema-matches-no-revision"], report.Codes);
        Assert.Null(report.PartiallyApplied);
    }
}

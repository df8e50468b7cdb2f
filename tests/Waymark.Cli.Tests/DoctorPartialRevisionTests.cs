using System.Diagnostics;
using Waymark.Cli.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Cli.Tests;

/// <summary>
/// The doctor on a revision that runs statement by statement (no transaction) and stopped at a failing statement:
/// statements that change the schema are checked one by one, data statements and raw SQL are "cannot be verified",
/// and the scripts it writes, applied with sqlite3 as the README applies offline scripts, leave a healthy database.
/// </summary>
public sealed class DoctorPartialRevisionTests : IDisposable
{
    /// <summary>p2, run without a transaction: its fourth statement fails until it is fixed.</summary>
    private sealed class StepByStepMigration(bool fixedStatement4) : Migration
    {
        public override bool IsTransactional => false;

        public override void Upgrade(MigrationBuilder migrate) => migrate
            .CreateTable("teams", t =>
            {
                t.Id();
                t.String("name", 50).NotNull();
            })
            .Execute("INSERT INTO teams (name) VALUES (@name)", ("name", "core"))
            .AddColumn("t_p1", "team_id", ColumnType.BigInt)
            .Sql($"UPDATE t_p1 SET team_id = (SELECT min(id) FROM {(fixedStatement4 ? "teams" : "no_such_table")})")
            .CreateIndex("t_p1", ["team_id"]);

        public override void Downgrade(MigrationBuilder migrate) => migrate.DropIndex("t_p1", "ix_t_p1_team_id").DropColumn("t_p1", "team_id").DropTable("teams");
    }

    private static RevisionGraph Chain(bool fixedStatement4) => new(
    [
        TestGraphs.Rev("p1"),
        new Revision("p2", ["p1"], "add teams", "/app/Migrations/p2_add_teams.cs", () => new StepByStepMigration(fixedStatement4)),
    ]);

    private readonly CliHarness _cli = new(Chain(fixedStatement4: false));

    public void Dispose() => _cli.Dispose();

    private async Task<string> StoppedAtStatement4Async()
    {
        (await _cli.RunAsync("upgrade", "p1")).ShouldSucceedQuietly();
        (await _cli.RunAsync("upgrade")).ShouldExitWith(ExitCodes.Failure);
        _cli.Graph = Chain(fixedStatement4: true);
        var directory = Path.Combine(_cli.DirectoryPath, "repair");
        var doctor = await _cli.RunAsync("doctor", "--scripts", directory);
        doctor.ShouldExitWith(ExitCodes.Failure);
        Assert.Equal(["p1"], _cli.VersionRows());
        Assert.Equal(
            [
                "  present             1. create table teams",
                "  cannot be verified  2. data statement",
                "  present             3. add column t_p1.team_id",
                "  cannot be verified  4. execute sql",
                "  missing             5. create index ix_t_p1_team_id on t_p1",
            ],
            doctor.OutLines.SkipWhile(l => l != "Revision p2, statement by statement:").Skip(1).Take(5));
        Assert.Contains("Present: 1. create table teams; 3. add column t_p1.team_id. Missing: 5. create index ix_t_p1_team_id on t_p1. Cannot be verified (they leave no trace in a schema): 2. data statement; 4. execute sql.", doctor.StdOut, StringComparison.Ordinal);
        return directory;
    }

    [Fact]
    public async Task The_completing_script_runs_the_missing_statement_and_the_unverifiable_ones_after_the_last_present_change_then_records_the_revision()
    {
        var directory = await StoppedAtStatement4Async();
        var script = await File.ReadAllTextAsync(Path.Combine(directory, "p2-complete.sql"));

        // Only the history table's preparation (created or given its newer columns) is a transaction; p2 runs as it is written.
        Assert.DoesNotContain("BEGIN;", script[script.IndexOf("-- upgrade p1 -> p2", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("INSERT INTO teams", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE t_p1 SET team_id = (SELECT min(id) FROM teams);", script, StringComparison.Ordinal);
        Assert.Contains("-- Cannot be verified: 2. data statement (before a change that is there, so it is taken to have run and is not run again).", script, StringComparison.Ordinal);
        await ApplyWithSqlite3Async(script);

        (await _cli.RunAsync("doctor")).ShouldExitWith(ExitCodes.Success);
        Assert.Equal(["p2"], _cli.VersionRows());
        Assert.Equal(["1"], _cli.Rows("SELECT count(*) FROM teams"));
    }

    [Fact]
    public async Task The_undoing_script_takes_back_the_applied_changes_newest_first_and_names_the_data_statement_it_cannot_undo()
    {
        var directory = await StoppedAtStatement4Async();
        var script = await File.ReadAllTextAsync(Path.Combine(directory, "p2-undo.sql"));

        Assert.Contains("-- Cannot be verified and not undone: 2. data statement (it most likely ran; undo what it did by hand if that matters).", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("_waymark_rebuild_t_p1", StringComparison.Ordinal) < script.IndexOf("DROP TABLE \"teams\"", StringComparison.Ordinal), script);
        await ApplyWithSqlite3Async(script);

        (await _cli.RunAsync("doctor")).ShouldExitWith(ExitCodes.Success);
        Assert.Equal(["p1"], _cli.VersionRows());
        Assert.False(_cli.TableExists("teams"));
    }

    /// <summary><c>sqlite3 app.db &lt; script</c>, as the README applies offline scripts.</summary>
    private async Task ApplyWithSqlite3Async(string script)
    {
        var start = new ProcessStartInfo("/usr/bin/sqlite3") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(_cli.DatabasePath);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && (await errors).Length == 0, $"sqlite3 exited with {process.ExitCode}: {await errors}{await output}\n{script}");
    }
}

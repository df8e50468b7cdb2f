using Waymark.Cli.Tests.Support;
using Waymark.Revisions;

namespace Waymark.Cli.Tests;

/// <summary><c>db check --replay</c>: the chain proven in scratch databases, one line per failed proof, exit codes as <c>check</c>'s.</summary>
public sealed class CheckReplayTests : IDisposable
{
    /// <summary>t_r2 gets an index that its downgrade forgets.</summary>
    private sealed class ForgetfulMigration : Migration
    {
        public override void Upgrade(MigrationBuilder migrate) => migrate.CreateIndex("t_r1", ["name"]);

        public override void Downgrade(MigrationBuilder migrate)
        {
        }
    }

    private readonly CliHarness _cli = new(TestGraphs.Merged());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_merged_chain_is_proven_with_exit_0_and_one_line_and_the_database_is_not_touched()
    {
        var result = await _cli.RunAsync("check", "--replay");

        result.ShouldSucceedQuietly();
        Assert.Equal(
            ["ok: 4 revision(s) upgraded, downgraded and upgraded again with the same schemas, and the branches applied in 2 order(s) with one schema"],
            result.OutLines);
        Assert.False(_cli.DatabaseExists, "the proofs created the database they were only to make scratch databases next to");
    }

    [Fact]
    public async Task A_downgrade_that_forgets_an_index_exits_1_naming_the_revision_and_the_index()
    {
        _cli.Graph = new RevisionGraph(
            [TestGraphs.Rev("r1"), new Revision("r2", ["r1"], "index names", "/app/Migrations/r2_index_names.cs", () => new ForgetfulMigration())]);

        var result = await _cli.RunAsync("check", "--replay");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Equal(
            "downgrade-differs: Downgrading r2 (r2_index_names.cs) does not give back the schema below it (r1): index ix_t_r1_name (name) on t_r1 " +
            "is there but not expected. Its downgrade must undo exactly what its upgrade does.",
            result.OutLines[0]);
        Assert.StartsWith("round-trip-failed: Upgrading again (after its downgrade) r2 (r2_index_names.cs) failed", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(2, result.OutLines.Count);
    }

    [Fact]
    public async Task Replay_with_a_dev_url_is_a_usage_error()
    {
        var result = await _cli.RunAsync("check", "--replay", "--dev-url", "sqlite:///" + Path.Combine(_cli.DirectoryPath, "dev.db"));

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("--replay makes a scratch database for each proof", result.StdErr, StringComparison.Ordinal);
    }
}

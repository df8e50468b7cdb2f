using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary><c>upgrade --sql</c> and <c>downgrade --sql</c> on branched and merged graphs: scripts, never the database.</summary>
public sealed class OfflineScriptTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.TwoHeads());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Upgrade_sql_to_one_branch_from_base_prints_the_statements_of_that_branch_only()
    {
        var result = await _cli.RunAsync("upgrade", "--sql", "a1");

        result.ShouldSucceedQuietly();
        var script = result.StdOut;
        Assert.StartsWith("-- Waymark upgrade base -> a1 (sqlite)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"alembic_version\"", script, StringComparison.Ordinal);
        Assert.Contains("-- upgrade base -> r0: add t_r0 (r0_add_t_r0.cs)", script, StringComparison.Ordinal);
        Assert.Contains("-- upgrade r0 -> a1: add t_a1 (a1_add_t_a1.cs)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"t_r0\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"t_a1\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("t_b1", script, StringComparison.Ordinal);
        Assert.True(
            script.IndexOf("CREATE TABLE \"t_r0\"", StringComparison.Ordinal) < script.IndexOf("CREATE TABLE \"t_a1\"", StringComparison.Ordinal),
            "r0 must come before a1");
        Assert.False(_cli.DatabaseExists, "an offline script touched the database");
    }

    [Fact]
    public async Task Upgrade_sql_from_one_branch_to_heads_prints_only_the_other_branch()
    {
        var result = await _cli.RunAsync("upgrade", "--sql", "a1:heads");

        result.ShouldSucceedQuietly();
        Assert.StartsWith("-- Waymark upgrade a1 -> a1,b1 (sqlite)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"t_b1\"", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE \"t_a1\"", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE \"alembic_version\"", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"alembic_version\" (version_num) VALUES ('b1')", result.StdOut, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task Upgrade_sql_to_head_with_two_heads_is_a_usage_error()
    {
        var result = await _cli.RunAsync("upgrade", "--sql");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.Contains("several heads (a1, b1)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_sql_through_a_merge_joins_both_version_rows_into_one()
    {
        _cli.Graph = TestGraphs.Merged();

        var result = await _cli.RunAsync("upgrade", "--sql", "a1:m1");

        result.ShouldSucceedQuietly();
        var script = result.StdOut;
        Assert.Contains("-- upgrade a1 -> a1,b1: add t_b1", script, StringComparison.Ordinal);
        Assert.Contains("-- upgrade a1,b1 -> m1: add t_m1", script, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE \"t_a1\"", script, StringComparison.Ordinal);
        Assert.Contains("DELETE FROM \"alembic_version\" WHERE version_num = 'b1'", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = 'm1' WHERE version_num = 'a1'", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downgrade_sql_without_a_starting_revision_is_a_usage_error_that_explains_FROM_TO()
    {
        var result = await _cli.RunAsync("downgrade", "--sql", "r0");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.Contains("downgrade --sql FROM:TO", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Got 'r0'", result.StdErr, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task Downgrade_sql_without_any_target_is_a_usage_error()
    {
        var result = await _cli.RunAsync("downgrade", "--sql");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("downgrade needs a target", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downgrade_sql_from_a_merge_to_one_parent_undoes_only_the_merge()
    {
        _cli.Graph = TestGraphs.Merged();

        var result = await _cli.RunAsync("downgrade", "--sql", "m1:a1");

        result.ShouldSucceedQuietly();
        var script = result.StdOut;
        Assert.StartsWith("-- Waymark downgrade m1 -> a1,b1 (sqlite)", script, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE \"t_m1\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE \"t_b1\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE \"t_a1\"", script, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task Downgrade_sql_from_one_branch_to_base_drops_that_branch_and_the_branch_point_only()
    {
        var result = await _cli.RunAsync("downgrade", "--sql", "a1:base");

        result.ShouldSucceedQuietly();
        var script = result.StdOut;
        Assert.Contains("DROP TABLE \"t_a1\"", script, StringComparison.Ordinal);
        Assert.Contains("DROP TABLE \"t_r0\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("t_b1", script, StringComparison.Ordinal);
        Assert.True(
            script.IndexOf("DROP TABLE \"t_a1\"", StringComparison.Ordinal) < script.IndexOf("DROP TABLE \"t_r0\"", StringComparison.Ordinal),
            "a1 must be undone before r0");
    }

    [Fact]
    public async Task Upgrade_sql_with_an_open_upper_end_is_a_usage_error()
    {
        var result = await _cli.RunAsync("upgrade", "--sql", "r0:");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("malformed", result.StdErr, StringComparison.Ordinal);
    }
}

using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary>Two heads, a1 and b1, on the branch point r0: the commands that read and move such a graph.</summary>
public sealed class TwoHeadsTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.TwoHeads());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Upgrade_to_head_with_two_heads_is_a_usage_error_that_names_both_heads_and_suggests_merge()
    {
        var result = await _cli.RunAsync("upgrade");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.StartsWith("error: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("a1, b1", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("heads", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("merge -m", result.StdErr, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists, "a refused upgrade created the database");
    }

    [Fact]
    public async Task Upgrade_heads_applies_both_branches_and_records_two_version_rows()
    {
        var result = await _cli.RunAsync("upgrade", "heads");

        result.ShouldSucceedQuietly();
        Assert.Collection(result.OutLines,
            line => Assert.StartsWith("Upgraded base -> r0: add t_r0 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Upgraded r0 -> a1: add t_a1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Upgraded a1 -> a1, b1: add t_b1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Database is at a1, b1 (3 revision(s), ", line, StringComparison.Ordinal));
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
        Assert.Equal(["t_a1", "t_b1", "t_r0"], _cli.RevisionTables());
        Assert.Equal(["r0|upgrade", "a1|upgrade", "b1|upgrade"], _cli.HistoryRows());
    }

    [Fact]
    public async Task Upgrade_heads_when_one_branch_is_applied_applies_only_the_other()
    {
        (await _cli.RunAsync("upgrade", "a1")).ShouldSucceedQuietly();
        Assert.Equal(["a1"], _cli.VersionRows());

        var result = await _cli.RunAsync("upgrade", "heads");

        result.ShouldSucceedQuietly();
        Assert.StartsWith("Upgraded a1 -> a1, b1: add t_b1 (", result.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(2, result.OutLines.Count);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
    }

    [Fact]
    public async Task Upgrade_to_one_head_by_id_applies_only_its_branch()
    {
        var result = await _cli.RunAsync("upgrade", "b1");

        result.ShouldSucceedQuietly();
        Assert.Equal(["b1"], _cli.VersionRows());
        Assert.Equal(["t_b1", "t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Upgrade_plus_one_from_the_branch_point_is_ambiguous()
    {
        (await _cli.RunAsync("upgrade", "r0")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("upgrade", "+1");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("ambiguous", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("a1, b1", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["r0"], _cli.VersionRows());
    }

    [Fact]
    public async Task Current_lists_both_recorded_heads()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("current");

        result.ShouldSucceedQuietly();
        Assert.Equal(["a1 (head)", "b1 (head)"], result.OutLines);
    }

    [Fact]
    public async Task Heads_lists_both_heads_with_their_messages()
    {
        var result = await _cli.RunAsync("heads");

        result.ShouldSucceedQuietly();
        Assert.Equal(["a1 (head), add t_a1", "b1 (head), add t_b1"], result.OutLines);
        Assert.False(_cli.DatabaseExists, "heads touched the database");
    }

    [Fact]
    public async Task History_marks_the_base_revision_as_the_branchpoint_and_both_heads_as_current()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("history");

        result.ShouldSucceedQuietly();
        Assert.Equal(
            [
                "r0 -> b1 (head) (current), add t_b1",
                "r0 -> a1 (head) (current), add t_a1",
                "<base> -> r0 (branchpoint), add t_r0",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task History_range_from_a_branch_lists_only_that_branch()
    {
        var result = await _cli.RunAsync("history", "-r", "a1:");

        result.ShouldSucceedQuietly();
        Assert.Equal(["r0 -> a1 (head), add t_a1"], result.OutLines);
    }

    [Fact]
    public async Task Downgrade_minus_one_with_two_current_heads_is_a_usage_error_that_changes_nothing()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "-1");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("several current heads (a1, b1)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
        Assert.Equal(["t_a1", "t_b1", "t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Downgrade_to_the_branch_point_undoes_both_branches_newest_first()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "r0");

        result.ShouldSucceedQuietly();
        Assert.StartsWith("Downgraded a1, b1 -> a1: add t_b1 (", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Downgraded a1 -> r0: add t_a1 (", result.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(["r0"], _cli.VersionRows());
        Assert.Equal(["t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Revision_with_two_heads_is_a_usage_error_and_writes_no_file()
    {
        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("a1, b1", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }
}

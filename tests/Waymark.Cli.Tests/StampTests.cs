using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary><c>stamp</c> on a branched and a merged graph: the record changes, the schema never does.</summary>
public sealed class StampTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.TwoHeads());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Stamp_heads_records_both_heads_without_running_a_migration()
    {
        var result = await _cli.RunAsync("stamp", "heads", "--force");

        result.ShouldSucceedQuietly();
        Assert.Equal(["Stamped the database at a1, b1 (no migration was run)."], result.OutLines);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
        Assert.Empty(_cli.RevisionTables());
        Assert.Equal(["a1|stamp", "b1|stamp"], _cli.HistoryRows());

        var current = await _cli.RunAsync("current");
        current.ShouldSucceedQuietly();
        Assert.Equal(["a1 (head)", "b1 (head)"], current.OutLines);
    }

    [Fact]
    public async Task Stamp_base_clears_the_record_and_leaves_the_schema()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("stamp", "base", "--force");

        result.ShouldSucceedQuietly();
        Assert.Equal(["Stamped the database at base (no migration was run)."], result.OutLines);
        Assert.Empty(_cli.VersionRows());
        Assert.Equal(["t_a1", "t_b1", "t_r0"], _cli.RevisionTables());
        Assert.Equal("NULL|stamp", _cli.HistoryRows()[^1]);

        var current = await _cli.RunAsync("current");
        current.ShouldSucceedQuietly();
        Assert.Equal(["base (no revision recorded)"], current.OutLines);
    }

    [Fact]
    public async Task Stamp_head_with_two_heads_is_a_usage_error_that_changes_nothing()
    {
        var result = await _cli.RunAsync("stamp", "head");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("several heads (a1, b1)", result.StdErr, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists, "a refused stamp created the database");
    }

    [Fact]
    public async Task Stamp_of_the_merge_replaces_both_branch_rows_with_one()
    {
        (await _cli.RunAsync("stamp", "heads", "--force")).ShouldSucceedQuietly();
        _cli.Graph = TestGraphs.Merged();

        var result = await _cli.RunAsync("stamp", "m1", "--force");

        result.ShouldSucceedQuietly();
        Assert.Equal(["m1"], _cli.VersionRows());
        Assert.Empty(_cli.RevisionTables());
    }

    [Fact]
    public async Task Stamp_without_a_revision_is_a_usage_error()
    {
        var result = await _cli.RunAsync("stamp");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("stamp needs a revision", result.StdErr, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task Current_after_stamping_a_revision_the_scripts_no_longer_declare_prints_it_and_fails()
    {
        _cli.Graph = TestGraphs.Merged();
        (await _cli.RunAsync("stamp", "m1", "--force")).ShouldSucceedQuietly();
        _cli.Graph = TestGraphs.TwoHeads();

        var result = await _cli.RunAsync("current");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Equal(["m1 (not in the migration scripts)"], result.OutLines);
        Assert.Contains("names revision 'm1', which none of the migration scripts declares", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stamp_is_refused_with_the_difference_when_the_schema_is_not_that_of_the_revision()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("stamp", "a1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Refusing to stamp a1", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("table t_b1 is there but not expected", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--force", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
    }

    [Fact]
    public async Task Stamp_without_force_is_accepted_when_the_schema_is_that_of_the_revision()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();
        (await _cli.RunAsync("stamp", "base", "--force")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("stamp", "heads");

        result.ShouldSucceedQuietly();
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
    }
}

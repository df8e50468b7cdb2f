using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary><c>show</c> on merged, branched and hex-id graphs.</summary>
public sealed class ShowTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.Merged());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Show_of_a_merge_revision_lists_both_parents_and_its_operations()
    {
        var result = await _cli.RunAsync("show", "m1");

        result.ShouldSucceedQuietly();
        Assert.Equal(
            [
                "Rev: m1 (head)",
                "Parent: a1, b1",
                "Path: /app/Migrations/m1_add_t_m1.cs",
                "Transactional: yes",
                "    add t_m1",
                "Upgrade:",
                "    create table t_m1",
                "Downgrade:",
                "    drop table t_m1",
            ],
            result.OutLines);
        Assert.False(_cli.DatabaseExists, "show touched the database");
    }

    [Fact]
    public async Task Show_without_a_target_shows_the_single_head_of_a_merged_graph()
    {
        var result = await _cli.RunAsync("show");

        result.ShouldSucceedQuietly();
        Assert.Equal("Rev: m1 (head)", result.OutLines[0]);
    }

    [Fact]
    public async Task Show_of_the_branch_point_lists_both_next_revisions()
    {
        var result = await _cli.RunAsync("show", "r0");

        result.ShouldSucceedQuietly();
        Assert.Equal(["Rev: r0", "Parent: <base>", "Next: a1, b1"], result.OutLines.Take(3));
    }

    [Fact]
    public async Task Show_of_an_unknown_revision_is_a_usage_error()
    {
        var result = await _cli.RunAsync("show", "nope");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.Contains("No revision matches 'nope'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_base_is_a_usage_error()
    {
        var result = await _cli.RunAsync("show", "base");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("'base' is base, which is no revision", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_head_with_two_heads_is_a_usage_error()
    {
        _cli.Graph = TestGraphs.TwoHeads();

        var result = await _cli.RunAsync("show");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("several heads (a1, b1)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_current_with_two_current_heads_shows_both()
    {
        _cli.Graph = TestGraphs.TwoHeads();
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("show", "current");

        result.ShouldSucceedQuietly();
        Assert.Equal(["Rev: a1 (head)", "Rev: b1 (head)"], result.OutLines.Where(l => l.StartsWith("Rev: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Show_resolves_a_unique_prefix_of_a_hex_id()
    {
        _cli.Graph = TestGraphs.HexChain();

        var result = await _cli.RunAsync("show", "ae10");

        result.ShouldSucceedQuietly();
        Assert.Equal(["Rev: ae1027a6acf", "Parent: 1975ea83b712", "Next: 27c6a30d7c24"], result.OutLines.Take(3));
    }

    [Fact]
    public async Task Show_of_an_ambiguous_prefix_is_a_usage_error_naming_the_candidates()
    {
        _cli.Graph = new([TestGraphs.Rev("ae1027a6acf"), TestGraphs.Rev("ae1b2c3d4e5f", "ae1027a6acf")]);

        var result = await _cli.RunAsync("show", "ae1");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("'ae1' is ambiguous", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("ae1027a6acf, ae1b2c3d4e5f", result.StdErr, StringComparison.Ordinal);
    }
}

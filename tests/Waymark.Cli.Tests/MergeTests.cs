using System.Text.RegularExpressions;
using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary>Writing a merge revision, and moving through one (m1 joins a1 and b1, which both follow r0).</summary>
public sealed partial class MergeTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.Merged());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Merge_writes_a_migration_file_whose_revision_follows_both_heads()
    {
        _cli.Graph = TestGraphs.TwoHeads();

        var result = await _cli.RunAsync("merge", "-m", "join branches");

        result.ShouldSucceedQuietly();
        var name = Assert.Single(_cli.WrittenFiles());
        var match = HexFileName().Match(name);
        Assert.True(match.Success, $"unexpected file name {name}");
        Assert.EndsWith("_join_branches.cs", name, StringComparison.Ordinal);
        var id = match.Groups["id"].Value;
        var text = await File.ReadAllTextAsync(Path.Combine(_cli.MigrationsDirectory, name));
        Assert.Contains("namespace App.Migrations;", text, StringComparison.Ordinal);
        Assert.Contains($"[Revision(\"{id}\", DownRevisions = [\"a1\", \"b1\"], Message = \"join branches\")]", text, StringComparison.Ordinal);
        Assert.Contains($"public sealed class M{id}_JoinBranches : Migration", text, StringComparison.Ordinal);
        Assert.Contains("public override void Upgrade(MigrationBuilder migrate)", text, StringComparison.Ordinal);
        Assert.Contains("public override void Downgrade(MigrationBuilder migrate)", text, StringComparison.Ordinal);
        Assert.Equal(
            $"Created merge revision {Path.Combine(_cli.MigrationsDirectory, name)} joining a1, b1; rebuild so the application includes it.",
            result.StdOut.TrimEnd('\n'));
        Assert.False(_cli.DatabaseExists, "merge touched the database");
    }

    [Fact]
    public async Task Merge_with_a_single_head_is_a_usage_error_and_writes_no_file()
    {
        var result = await _cli.RunAsync("merge", "-m", "join branches");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("nothing to merge", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("(m1)", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Merge_of_named_heads_by_prefix_joins_exactly_those()
    {
        _cli.Graph = new([TestGraphs.Rev("r0"), TestGraphs.Rev("a1", "r0"), TestGraphs.Rev("b1", "r0"), TestGraphs.Rev("c1", "r0")]);

        var result = await _cli.RunAsync("merge", "-m", "join a and c", "a", "c");

        result.ShouldSucceedQuietly();
        var name = Assert.Single(_cli.WrittenFiles());
        Assert.Contains(
            "DownRevisions = [\"a1\", \"c1\"], Message = \"join a and c\"",
            await File.ReadAllTextAsync(Path.Combine(_cli.MigrationsDirectory, name)),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_of_a_revision_and_its_own_ancestor_is_a_usage_error_and_writes_no_file()
    {
        _cli.Graph = TestGraphs.TwoHeads();

        var result = await _cli.RunAsync("merge", "-m", "join nothing", "r0", "a1");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("r0", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Upgrade_from_base_applies_the_branch_point_both_branches_and_the_merge_in_order_leaving_one_row()
    {
        var result = await _cli.RunAsync("upgrade");

        result.ShouldSucceedQuietly();
        Assert.Collection(result.OutLines,
            line => Assert.StartsWith("Upgraded base -> r0: add t_r0 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Upgraded r0 -> a1: add t_a1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Upgraded a1 -> a1, b1: add t_b1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Upgraded a1, b1 -> m1: add t_m1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Database is at m1 (4 revision(s), ", line, StringComparison.Ordinal));
        Assert.Equal(["r0|upgrade", "a1|upgrade", "b1|upgrade", "m1|upgrade"], _cli.HistoryRows());
        Assert.Equal(["m1"], _cli.VersionRows());
        Assert.Equal(["t_a1", "t_b1", "t_m1", "t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Upgrade_from_one_branch_applies_only_the_other_branch_and_the_merge()
    {
        (await _cli.RunAsync("upgrade", "a1")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("upgrade");

        result.ShouldSucceedQuietly();
        Assert.Equal(["r0|upgrade", "a1|upgrade", "b1|upgrade", "m1|upgrade"], _cli.HistoryRows());
        Assert.StartsWith("Database is at m1 (2 revision(s), ", result.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal(["m1"], _cli.VersionRows());
    }

    [Fact]
    public async Task Upgrade_when_the_record_holds_both_heads_of_a_graph_that_now_has_a_merge_applies_just_the_merge()
    {
        _cli.Graph = TestGraphs.TwoHeads();
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();
        _cli.Graph = TestGraphs.Merged();

        var result = await _cli.RunAsync("upgrade");

        result.ShouldSucceedQuietly();
        Assert.StartsWith("Upgraded a1, b1 -> m1: add t_m1 (", result.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(["m1"], _cli.VersionRows());
    }

    [Fact]
    public async Task History_marks_the_merge_as_mergepoint_and_lists_both_its_parents()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("history");

        result.ShouldSucceedQuietly();
        Assert.Equal(
            [
                "a1, b1 -> m1 (head) (current) (mergepoint), add t_m1",
                "r0 -> b1, add t_b1",
                "r0 -> a1, add t_a1",
                "<base> -> r0 (branchpoint), add t_r0",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task Downgrade_minus_one_from_a_merge_is_ambiguous_and_changes_nothing()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "-1");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.Contains("'-1' is ambiguous (m1 is a merge): it could mean a1, b1", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["m1"], _cli.VersionRows());
        Assert.Equal(4, _cli.HistoryRows().Count);
    }

    /// <summary>
    /// Going down to one parent of a merge undoes what lies above that parent (the merge) and nothing that is
    /// not above it: b1 is not a descendant of a1, so it stays applied and the record holds both parents,
    /// as Alembic does.
    /// </summary>
    [Fact]
    public async Task Downgrade_to_one_parent_of_the_merge_undoes_only_the_merge_and_keeps_the_other_branch()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "a1");

        result.ShouldSucceedQuietly();
        Assert.Collection(result.OutLines,
            line => Assert.StartsWith("Downgraded m1 -> a1, b1: add t_m1 (", line, StringComparison.Ordinal),
            line => Assert.StartsWith("Database is at a1, b1 (1 revision(s), ", line, StringComparison.Ordinal));
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
        Assert.Equal(["t_a1", "t_b1", "t_r0"], _cli.RevisionTables());
    }

    /// <summary>
    /// With the record at a1, b1 a bare -1 is ambiguous. b1-1 names r0, and going down to r0 undoes everything
    /// above it, the a1 branch included: there is no target that undoes only one of two branches (Alembic has
    /// the same limitation, sqlalchemy/alembic#464).
    /// </summary>
    [Fact]
    public async Task Downgrade_relative_to_one_branch_goes_down_to_its_parent_and_so_undoes_both_branches()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();
        (await _cli.RunAsync("downgrade", "a1")).ShouldSucceedQuietly();

        var bare = await _cli.RunAsync("downgrade", "-1");
        bare.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());

        var result = await _cli.RunAsync("downgrade", "b1-1");

        result.ShouldSucceedQuietly();
        Assert.Equal(["r0"], _cli.VersionRows());
        Assert.Equal(["t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Downgrade_to_the_branch_point_undoes_the_merge_and_both_branches_newest_first()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "r0");

        result.ShouldSucceedQuietly();
        Assert.Equal(
            ["r0|upgrade", "a1|upgrade", "b1|upgrade", "m1|upgrade", "m1|downgrade", "b1|downgrade", "a1|downgrade"],
            _cli.HistoryRows());
        Assert.Equal(["r0"], _cli.VersionRows());
        Assert.Equal(["t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Downgrade_base_from_the_merge_undoes_everything_and_empties_the_record()
    {
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("downgrade", "base");

        result.ShouldSucceedQuietly();
        Assert.StartsWith("Database is at base (4 revision(s), ", result.OutLines[^1], StringComparison.Ordinal);
        Assert.Empty(_cli.VersionRows());
        Assert.Empty(_cli.RevisionTables());
    }

    [GeneratedRegex(@"^(?<id>[0-9a-f]{12})_[a-z0-9_]+\.cs\z")]
    private static partial Regex HexFileName();
}

using System.Text.Json;
using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary>
/// The doctor on scripts with two heads (a1 and b1 on r0): the branches are reported with the merge that
/// joins them, and nothing about them is a version-record fix.
/// </summary>
public sealed class DoctorOnBranchesTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.TwoHeads());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Doctor_on_two_heads_warns_several_heads_names_them_and_suggests_merge()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("doctor");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Equal("", result.StdErr);
        Assert.Contains("Schema:    a1, b1 (exact match)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("warning  several-heads", result.OutLines.Select(l => l.TrimEnd()));
        Assert.Contains("several heads (a1, b1)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("fix: db merge -m \"merge heads\"", result.StdOut, StringComparison.Ordinal);
        // A branch is not a version-record problem: no safe fix is offered for it.
        Assert.DoesNotContain("(safe:", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Next: The version record is right; look at the warnings above.", result.OutLines);
    }

    [Fact]
    public async Task Doctor_fix_on_two_heads_changes_nothing_since_only_a_merge_revision_joins_branches()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();
        var history = _cli.HistoryRows();

        var result = await _cli.RunAsync("doctor", "--fix");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.DoesNotContain("Fixed:", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("several-heads", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(["a1", "b1"], _cli.VersionRows());
        Assert.Equal(history, _cli.HistoryRows());
        Assert.Equal(["t_a1", "t_b1", "t_r0"], _cli.RevisionTables());
    }

    [Fact]
    public async Task Doctor_with_one_branch_applied_locates_it_and_says_to_upgrade_heads()
    {
        (await _cli.RunAsync("upgrade", "a1")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("doctor");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Contains("Recorded:  a1", result.OutLines);
        Assert.Contains("Schema:    a1 (exact match)", result.OutLines);
        Assert.Contains("several-heads", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded-", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(["a1"], _cli.VersionRows());
    }

    [Fact]
    public async Task Doctor_json_lists_several_heads_as_a_warning_with_the_merge_command()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("doctor", "--json");

        result.ShouldExitWith(ExitCodes.Failure);
        using var json = JsonDocument.Parse(result.StdOut);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("code").GetString() == "several-heads");
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("db merge -m \"merge heads\"", finding.GetProperty("fix").GetString());
        Assert.Contains("a1, b1", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_on_two_heads_fails_with_a_several_heads_line()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("check");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Contains(result.OutLines,
            l => l.StartsWith("several-heads: The migration scripts have several heads (a1, b1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_a_merge_revision_joins_the_heads_and_is_applied_the_doctor_reports_healthy()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();
        _cli.Graph = TestGraphs.Merged();
        (await _cli.RunAsync("upgrade")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("doctor");

        result.ShouldSucceedQuietly();
        Assert.DoesNotContain("several-heads", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Schema:    m1 (exact match)", result.OutLines);
        Assert.Contains("No findings: the version record says where the schema is.", result.OutLines);
    }
}

using System.Text.Json;
using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary><c>--json</c> of the read-only commands on a branched and a merged graph: one valid document each.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.TwoHeads());

    public void Dispose() => _cli.Dispose();

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Current_json_lists_both_recorded_heads_and_says_the_database_is_up_to_date()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("current", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        var current = json.RootElement.GetProperty("current").EnumerateArray().ToList();
        Assert.Equal(["a1", "b1"], current.Select(c => c.GetProperty("revision").GetString()));
        Assert.All(current, c =>
        {
            Assert.True(c.GetProperty("known").GetBoolean());
            Assert.True(c.GetProperty("isHead").GetBoolean());
        });
        Assert.Equal("add t_b1", current[1].GetProperty("message").GetString());
        Assert.Equal(["a1", "b1"], Strings(json.RootElement.GetProperty("heads")));
        Assert.True(json.RootElement.GetProperty("upToDate").GetBoolean());
    }

    [Fact]
    public async Task Current_json_with_one_branch_applied_is_not_up_to_date()
    {
        (await _cli.RunAsync("upgrade", "a1")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("current", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        var current = Assert.Single(json.RootElement.GetProperty("current").EnumerateArray());
        Assert.Equal("a1", current.GetProperty("revision").GetString());
        Assert.False(json.RootElement.GetProperty("upToDate").GetBoolean());
    }

    [Fact]
    public async Task Current_json_on_a_missing_database_is_an_empty_record_and_creates_no_file()
    {
        var result = await _cli.RunAsync("current", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Empty(json.RootElement.GetProperty("current").EnumerateArray());
        Assert.False(json.RootElement.GetProperty("upToDate").GetBoolean());
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task History_json_lists_each_revision_newest_first_with_its_down_revisions()
    {
        _cli.Graph = TestGraphs.Merged();
        (await _cli.RunAsync("upgrade", "a1")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("history", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        var revisions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["m1", "b1", "a1", "r0"], revisions.Select(r => r.GetProperty("revision").GetString()));
        Assert.Equal(["a1", "b1"], Strings(revisions[0].GetProperty("downRevisions")));
        Assert.Empty(revisions[3].GetProperty("downRevisions").EnumerateArray());
        Assert.Equal([true, false, false, false], revisions.Select(r => r.GetProperty("isHead").GetBoolean()));
        Assert.Equal([false, false, true, false], revisions.Select(r => r.GetProperty("isCurrent").GetBoolean()));
        Assert.Equal("add t_m1", revisions[0].GetProperty("message").GetString());
        Assert.Equal("/app/Migrations/m1_add_t_m1.cs", revisions[0].GetProperty("file").GetString());
    }

    [Fact]
    public async Task Heads_json_lists_both_heads_with_message_and_file()
    {
        var result = await _cli.RunAsync("heads", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        var heads = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["a1", "b1"], heads.Select(h => h.GetProperty("revision").GetString()));
        Assert.Equal(["add t_a1", "add t_b1"], heads.Select(h => h.GetProperty("message").GetString()));
        Assert.Equal(["/app/Migrations/a1_add_t_a1.cs", "/app/Migrations/b1_add_t_b1.cs"], heads.Select(h => h.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task Show_json_of_a_merge_lists_both_parents_and_its_operations()
    {
        _cli.Graph = TestGraphs.Merged();

        var result = await _cli.RunAsync("show", "m1", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal("m1", root.GetProperty("revision").GetString());
        Assert.Equal("add t_m1", root.GetProperty("message").GetString());
        Assert.Equal("/app/Migrations/m1_add_t_m1.cs", root.GetProperty("file").GetString());
        Assert.Equal(["a1", "b1"], Strings(root.GetProperty("downRevisions")));
        Assert.Empty(root.GetProperty("nextRevisions").EnumerateArray());
        Assert.True(root.GetProperty("isHead").GetBoolean());
        Assert.True(root.GetProperty("transactional").GetBoolean());
        Assert.Contains("t_m1", Assert.Single(root.GetProperty("upgrade").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Contains("t_m1", Assert.Single(root.GetProperty("downgrade").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_of_the_branch_point_lists_both_next_revisions()
    {
        var result = await _cli.RunAsync("show", "r0", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(["a1", "b1"], Strings(json.RootElement.GetProperty("nextRevisions")));
        Assert.False(json.RootElement.GetProperty("isHead").GetBoolean());
    }

    [Fact]
    public async Task Show_current_json_with_two_current_heads_is_one_valid_document()
    {
        (await _cli.RunAsync("upgrade", "heads")).ShouldSucceedQuietly();

        var result = await _cli.RunAsync("show", "current", "--json");

        result.ShouldSucceedQuietly();
        using var json = JsonDocument.Parse(result.StdOut);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(["a1", "b1"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("revision").GetString()));
    }
}

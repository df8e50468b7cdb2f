using System.Text.RegularExpressions;
using Waymark.Cli.Tests.Support;
using Waymark.Revisions;
using static Waymark.Cli.Tests.Support.TestGraphs;

namespace Waymark.Cli.Tests;

/// <summary><c>revision</c>: the new file's name, id and down-revision on numeric and non-numeric chains.</summary>
public sealed partial class RevisionCommandTests : IDisposable
{
    private readonly CliHarness _cli = new(HexChain());

    public void Dispose() => _cli.Dispose();

    private string WrittenText(string name) => File.ReadAllText(Path.Combine(_cli.MigrationsDirectory, name));

    [Fact]
    public async Task Revision_on_a_chain_with_hex_ids_writes_a_random_12_hex_id_file_following_the_head()
    {
        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldSucceedQuietly();
        var name = Assert.Single(_cli.WrittenFiles());
        var match = HexFileName().Match(name);
        Assert.True(match.Success, $"unexpected file name {name}");
        Assert.Equal("add_things", match.Groups["slug"].Value);
        var id = match.Groups["id"].Value;
        var text = WrittenText(name);
        Assert.Contains($"[Revision(\"{id}\", DownRevision = \"27c6a30d7c24\", Message = \"add things\")]", text, StringComparison.Ordinal);
        Assert.Contains($"public sealed class M{id}_AddThings : Migration", text, StringComparison.Ordinal);
        Assert.Contains("namespace App.Migrations;", text, StringComparison.Ordinal);
        Assert.Equal(
            $"Created {Path.Combine(_cli.MigrationsDirectory, name)}. Fill in Upgrade and Downgrade, then rebuild so the application includes it.",
            result.StdOut.TrimEnd('\n'));
        Assert.False(_cli.DatabaseExists, "revision touched the database");
    }

    [Fact]
    public async Task Revision_on_a_numeric_chain_writes_the_next_number_at_the_same_width()
    {
        _cli.Graph = NumericChain();

        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldSucceedQuietly();
        Assert.Equal(["004_add_things.cs"], _cli.WrittenFiles());
        var text = WrittenText("004_add_things.cs");
        Assert.Contains("[Revision(\"004\", DownRevision = \"003\", Message = \"add things\")]", text, StringComparison.Ordinal);
        Assert.Contains("public sealed class M004_AddThings : Migration", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_on_an_empty_graph_writes_a_base_revision_without_a_down_revision()
    {
        _cli.Graph = new RevisionGraph([]);

        var result = await _cli.RunAsync("revision", "-m", "initial schema");

        result.ShouldSucceedQuietly();
        var name = Assert.Single(_cli.WrittenFiles());
        Assert.Matches(HexFileName(), name);
        var text = WrittenText(name);
        Assert.DoesNotContain("DownRevision", text, StringComparison.Ordinal);
        Assert.Contains(", Message = \"initial schema\")]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_writes_into_the_directory_given_with_dir()
    {
        _cli.Graph = NumericChain();
        var elsewhere = Path.Combine(_cli.DirectoryPath, "Other", "Migrations");

        var result = await _cli.RunAsync("revision", "-m", "add things", "--dir", elsewhere);

        result.ShouldSucceedQuietly();
        Assert.True(File.Exists(Path.Combine(elsewhere, "004_add_things.cs")));
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Revision_escapes_quotes_in_the_message()
    {
        _cli.Graph = NumericChain();

        var result = await _cli.RunAsync("revision", "-m", "say \"hi\"");

        result.ShouldSucceedQuietly();
        Assert.Contains("Message = \"say \\\"hi\\\"\")]", WrittenText("004_say_hi.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_writes_the_message_as_a_valid_csharp_literal_when_it_has_backslashes()
    {
        _cli.Graph = NumericChain();

        var result = await _cli.RunAsync("revision", "-m", @"fix C:\temp paths");

        result.ShouldSucceedQuietly();
        Assert.Contains(@"Message = ""fix C:\\temp paths"")]", WrittenText("004_fix_c_temp_paths.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revision_run_twice_before_a_rebuild_refuses_to_overwrite_the_first_file()
    {
        _cli.Graph = NumericChain();
        (await _cli.RunAsync("revision", "-m", "add things")).ShouldSucceedQuietly();
        var first = WrittenText("004_add_things.cs");

        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("already exists; nothing was written", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(first, WrittenText("004_add_things.cs"));
    }

    [Fact]
    public async Task Revision_with_an_empty_message_is_a_usage_error_and_writes_no_file()
    {
        var result = await _cli.RunAsync("revision", "-m", "");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Equal("", result.StdOut);
        Assert.Contains("The message (-m) is empty", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Revision_with_a_message_of_only_punctuation_is_a_usage_error_and_writes_no_file()
    {
        var result = await _cli.RunAsync("revision", "-m", "!!! ---");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("has no letters or digits", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Revision_without_a_message_is_a_parse_error()
    {
        var result = await _cli.RunAsync("revision");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("--message", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Revision_with_two_heads_is_a_usage_error_that_suggests_merge()
    {
        _cli.Graph = TwoHeads();

        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains("several heads (a1, b1)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("merge -m", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_cli.WrittenFiles());
    }

    [Fact]
    public async Task Revision_on_a_numeric_chain_with_ids_longer_than_a_long_still_writes_the_next_number()
    {
        _cli.Graph = new RevisionGraph([Rev("20240101120000000000001"), Rev("20240101120000000000002", "20240101120000000000001")]);

        var result = await _cli.RunAsync("revision", "-m", "add things");

        result.ShouldSucceedQuietly();
        Assert.Equal(["20240101120000000000003_add_things.cs"], _cli.WrittenFiles());
    }

    [GeneratedRegex(@"^(?<id>[0-9a-f]{12})_(?<slug>[a-z0-9_]+)\.cs\z")]
    private static partial Regex HexFileName();
}

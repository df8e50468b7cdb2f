using System.Text.Json;
using Waymark.Cli.Tests.Support;
using Waymark.Revisions;
using static Waymark.Testing.Chain;

namespace Waymark.Cli.Tests;

/// <summary><c>db lint</c> as CI runs it: exit 0 when clean or only below error, 1 on an error, 2 on bad usage; text and JSON.</summary>
public sealed class LintTests : IDisposable
{
    private static readonly Revision Accounts = Rev("r1", null, m => m.CreateTable("accounts", t =>
    {
        t.Id();
        t.String("email", 200).NotNull();
    }), m => m.DropTable("accounts"));

    private static readonly Revision UniqueEmail = Rev("r2", "r1", m => m.AddUniqueConstraint("accounts", ["email"]),
        m => m.DropUniqueConstraint("accounts", "uq_accounts_email"));

    private readonly CliHarness _cli = new(Graph(Accounts));

    public void Dispose() => _cli.Dispose();

    /// <summary>The database at r1 with three accounts, two of them sharing an email; then the graph grows by <paramref name="pending"/>.</summary>
    private async Task LiveAtR1Async(params Revision[] pending)
    {
        (await _cli.RunAsync("upgrade")).ShouldExitWith(ExitCodes.Success);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_cli.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO accounts (email) VALUES ('ann@x'), ('ann@x'), ('bob@x')";
            insert.ExecuteNonQuery();
        }
        _cli.Graph = Graph([Accounts, .. pending]);
    }

    [Fact]
    public async Task Lint_at_head_has_nothing_to_lint_and_exits_0()
    {
        await LiveAtR1Async();

        var result = await _cli.RunAsync("lint");

        result.ShouldSucceedQuietly();
        Assert.Contains("Linted 0 revision(s)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nothing to lint: the database is at head.", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_of_a_pending_revision_that_live_rows_break_exits_1_with_the_finding_its_size_and_its_rewrite()
    {
        await LiveAtR1Async(UniqueEmail);

        var result = await _cli.RunAsync("lint");

        result.ShouldExitWith(ExitCodes.Failure);
        Assert.Contains("Linted 1 revision(s) (r2)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 error(s), 0 warning(s), 1 info.", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("error WM111 r2 statement 1: unique index", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("2 row(s) of the live accounts break it (they share values)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("  live:    accounts: 3 row(s)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("info WM120 r2 statement 1: accounts is rebuilt", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("  rewrite: clean the rows first", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(["r1"], _cli.VersionRows());
    }

    [Fact]
    public async Task Lint_with_only_warnings_exits_0()
    {
        await LiveAtR1Async(Rev("r2", "r1", m => m.AddColumn("accounts", "nickname", Schema.ColumnType.String(50))));

        var result = await _cli.RunAsync("lint");

        result.ShouldSucceedQuietly();
        Assert.Contains("warning WM112 r2: r2_migration.cs records 1 operation(s) in Upgrade and none in Downgrade", result.StdOut,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_json_is_one_document_with_every_field_of_each_finding()
    {
        await LiveAtR1Async(UniqueEmail);

        var result = await _cli.RunAsync("lint", "r1:r2", "--json");

        result.ShouldExitWith(ExitCodes.Failure);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal("sqlite", root.GetProperty("dialect").GetString());
        Assert.StartsWith("sqlite:///", root.GetProperty("database").GetString(), StringComparison.Ordinal);
        Assert.Equal(["r2"], root.GetProperty("revisions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, root.GetProperty("summary").GetProperty("error").GetInt32());
        Assert.Equal(0, root.GetProperty("summary").GetProperty("warning").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("info").GetInt32());
        Assert.False(root.GetProperty("clean").GetBoolean());
        var finding = root.GetProperty("findings")[0];
        Assert.Equal(
            ["rule", "severity", "title", "revision", "statement", "sql", "table", "message", "lock", "live", "estimatedSeconds", "brokenRows", "rewrite"],
            finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal("WM111", finding.GetProperty("rule").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("r2", finding.GetProperty("revision").GetString());
        Assert.Equal(1, finding.GetProperty("statement").GetInt32());
        Assert.Equal("accounts", finding.GetProperty("table").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("lock").ValueKind);
        Assert.Equal(3, finding.GetProperty("live").GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("live").GetProperty("bytes").ValueKind);
        Assert.Equal(2, finding.GetProperty("brokenRows").GetInt64());
        var rebuild = root.GetProperty("findings")[1];
        Assert.Equal("WM120", rebuild.GetProperty("rule").GetString());
        Assert.True(rebuild.GetProperty("estimatedSeconds").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("r1:r2:r3", "is malformed")]
    [InlineData("zz", "No revision matches 'zz'")]
    [InlineData("--no-such-option", "--no-such-option")]
    public async Task Lint_with_a_bad_range_or_option_is_bad_usage_and_exits_2(string argument, string message)
    {
        await LiveAtR1Async(UniqueEmail);

        var result = await _cli.RunAsync("lint", argument);

        result.ShouldExitWith(ExitCodes.Usage);
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_of_the_whole_chain_for_a_database_that_does_not_exist_does_not_create_it()
    {
        _cli.Graph = Graph(Accounts, UniqueEmail);

        var result = await _cli.RunAsync("lint", "base:head");

        result.ShouldSucceedQuietly();
        Assert.Contains("Linted 2 revision(s) (r1, r2)", result.StdOut, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }
}

using System.Text.RegularExpressions;

namespace TimeTracker.Tests.Cli;

/// <summary><c>timetracker db upgrade</c> and <c>db downgrade</c> moving a real database along the chain.</summary>
public sealed class UpgradeAndDowngradeTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Upgrade_with_no_target_applies_every_revision_up_to_the_head_and_prints_each_one()
    {
        var result = await _sandbox.RunAsync("db", "upgrade");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var lines = result.OutLines;
        var count = ExpectedChain.Ids.Count;
        Assert.Equal(count + 1, lines.Count);
        for (var i = 0; i < count; i++)
        {
            var (id, message) = ExpectedChain.Revisions[i];
            Assert.Matches($@"^Upgraded {ExpectedChain.Before(id)} -> {id}: {Regex.Escape(message)} \(\d+\.\d ms\)$", lines[i]);
        }
        Assert.Matches($@"^Database is at {ExpectedChain.Head} \({count} revision\(s\), \d+\.\d ms\)\.$", lines[count]);

        var db = _sandbox.DatabasePath;
        Assert.Equal<string>([ExpectedChain.Head], SqliteFile.Versions(db));
        Assert.Equal<string?>(ExpectedChain.Ids, SqliteFile.Column(db, "SELECT revision FROM waymark_history WHERE direction = 'upgrade' ORDER BY id"));
        Assert.Equal(count, SqliteFile.Count(db, "SELECT count(*) FROM waymark_history"));
        Assert.Equal<string>([.. ExpectedChain.TablesAtHead.Append("alembic_version").Append("waymark_history").Order(StringComparer.Ordinal)], SqliteFile.Tables(db));

        Assert.True(File.Exists(_sandbox.LogPath), "logs/timetracker.log was not written");
        var log = await File.ReadAllTextAsync(_sandbox.LogPath);
        Assert.Contains("timetracker db upgrade", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"alembic_version\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"users\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"password_reset_tokens\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"data_protection_keys\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"invitations\"", log, StringComparison.Ordinal);
        Assert.Contains("Exit code 0", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_at_head_says_nothing_to_do_and_leaves_the_file_untouched()
    {
        var db = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "upgrade");

        result.ShouldExitWith(0);
        Assert.Equal<string>([$"Nothing to do: the database is at {ExpectedChain.Head}."], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Upgrade_010_then_plus_2_reaches_012_and_downgrade_minus_1_returns_to_011()
    {
        var db = _sandbox.DatabasePath;

        var to010 = await _sandbox.RunAsync("db", "upgrade", "010");
        to010.ShouldExitWith(0);
        Assert.Equal(11, to010.OutLines.Count);
        Assert.StartsWith("Upgraded 009 -> 010: create invoice items (", to010.OutLines[9], StringComparison.Ordinal);
        Assert.StartsWith("Database is at 010 (10 revision(s), ", to010.OutLines[10], StringComparison.Ordinal);
        Assert.Equal<string>(["010"], SqliteFile.Versions(db));
        Assert.DoesNotContain("settings", SqliteFile.Tables(db));

        var plus2 = await _sandbox.RunAsync("db", "upgrade", "+2");
        plus2.ShouldExitWith(0);
        Assert.Equal(3, plus2.OutLines.Count);
        Assert.Matches(@"^Upgraded 010 -> 011: create settings \(\d+\.\d ms\)$", plus2.OutLines[0]);
        Assert.Matches(@"^Upgraded 011 -> 012: create api tokens \(\d+\.\d ms\)$", plus2.OutLines[1]);
        Assert.StartsWith("Database is at 012 (2 revision(s), ", plus2.OutLines[2], StringComparison.Ordinal);
        Assert.Equal<string>(["012"], SqliteFile.Versions(db));
        Assert.Contains("settings", SqliteFile.Tables(db));
        Assert.Contains("api_tokens", SqliteFile.Tables(db));

        var minus1 = await _sandbox.RunAsync("db", "downgrade", "-1");
        minus1.ShouldExitWith(0);
        Assert.Equal(2, minus1.OutLines.Count);
        Assert.Matches(@"^Downgraded 012 -> 011: create api tokens \(\d+\.\d ms\)$", minus1.OutLines[0]);
        Assert.StartsWith("Database is at 011 (1 revision(s), ", minus1.OutLines[1], StringComparison.Ordinal);
        Assert.Equal<string>(["011"], SqliteFile.Versions(db));
        Assert.DoesNotContain("api_tokens", SqliteFile.Tables(db));
        Assert.Contains("settings", SqliteFile.Tables(db));
        Assert.Equal<string?>(
            [.. ExpectedChain.Ids.Take(12).Select(id => "upgrade " + id), "downgrade 012"],
            SqliteFile.Column(db, "SELECT direction || ' ' || revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task Downgrade_with_an_ambiguous_prefix_exits_2_lists_the_candidates_and_changes_nothing()
    {
        var db = await _sandbox.AddDatabaseAtAsync("019");
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "downgrade", "01");

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("'01' is ambiguous", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("010, 011, 012, 013, 014, 015, 016, 017, 018, 019", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Downgrade_base_from_head_removes_every_table_but_the_version_and_history_tables()
    {
        var db = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);

        var result = await _sandbox.RunAsync("db", "downgrade", "base");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var lines = result.OutLines;
        var count = ExpectedChain.Ids.Count;
        Assert.Equal(count + 1, lines.Count);
        for (var i = 0; i < count; i++)
        {
            var (id, message) = ExpectedChain.Revisions[count - 1 - i];
            Assert.Matches($@"^Downgraded {id} -> {ExpectedChain.Before(id)}: {Regex.Escape(message)} \(\d+\.\d ms\)$", lines[i]);
        }
        Assert.StartsWith($"Database is at base ({count} revision(s), ", lines[count], StringComparison.Ordinal);

        Assert.Equal<string>(["alembic_version", "waymark_history"], SqliteFile.Tables(db));
        Assert.Empty(SqliteFile.Column(db, "SELECT name FROM sqlite_master WHERE type IN ('index', 'view', 'trigger') AND name NOT LIKE 'sqlite_%'"));
        Assert.Empty(SqliteFile.Versions(db));
        Assert.Equal(count, SqliteFile.Count(db, "SELECT count(*) FROM waymark_history WHERE direction = 'downgrade'"));
        Assert.Equal(count, SqliteFile.Count(db, "SELECT count(*) FROM waymark_history WHERE direction = 'upgrade'"));
    }
}

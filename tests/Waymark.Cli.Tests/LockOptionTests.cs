using Waymark.Cli.Tests.Support;

namespace Waymark.Cli.Tests;

/// <summary>
/// The migration-run lock (<c>--lock-timeout</c>) and the table locks of a migration's statements
/// (<c>--statement-lock-timeout</c>, <c>--statement-timeout</c>, <c>--lock-retries</c>) are separate options; SQLite
/// accepts the statement options and ignores them.
/// </summary>
public sealed class LockOptionTests : IDisposable
{
    private readonly CliHarness _cli = new(TestGraphs.HexChain());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_statement_lock_options_are_accepted_before_or_after_the_verb_and_ignored_on_sqlite()
    {
        var result = await _cli.RunAsync("--statement-lock-timeout", "0.001", "upgrade", "--statement-timeout", "0.001", "--lock-retries", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["27c6a30d7c24"], _cli.VersionRows());
    }

    [Theory]
    [InlineData("--statement-lock-timeout", "-1", "--statement-lock-timeout must be a number of seconds, 0 or more (got -1).")]
    [InlineData("--statement-timeout", "NaN", "--statement-timeout must be a number of seconds, 0 or more (got NaN).")]
    [InlineData("--lock-retries", "-2", "--lock-retries must be 0 or more (got -2).")]
    public async Task A_bad_value_is_bad_usage_naming_the_option_and_nothing_runs(string option, string value, string message)
    {
        var result = await _cli.RunAsync("upgrade", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error: " + message, result.StdErr, StringComparison.Ordinal);
        Assert.False(_cli.DatabaseExists);
    }

    [Fact]
    public async Task The_help_tells_the_run_lock_from_the_statement_lock()
    {
        var result = await _cli.RunAsync("upgrade", "--help");

        Assert.Contains("--lock-timeout", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Not a table lock: see --statement-lock-timeout", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--statement-lock-timeout", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL lock_timeout", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--statement-timeout", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("--lock-retries", result.StdOut, StringComparison.Ordinal);
    }
}

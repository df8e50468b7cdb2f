using System.Globalization;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Accounts;

/// <summary><c>timetracker accounts cleanup</c>, run as the built executable against a SQLite file at head.</summary>
public sealed class AccountsCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Cleanup_deletes_ended_sign_ins_and_old_email_links_and_says_how_many()
    {
        await SeedAsync();

        var result = await _sandbox.RunAsync("accounts", "cleanup", "--older-than", "30d");

        result.ShouldExitWith(0);
        Assert.StartsWith("Deleted 2 refresh token(s) of ended sign-ins and 1 email link(s), all ended before ", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(["live", "live", "recent"], SqliteFile.Column(_sandbox.DatabasePath, "SELECT family_id FROM refresh_tokens ORDER BY family_id"));
        Assert.Equal(["fresh"], SqliteFile.Column(_sandbox.DatabasePath, "SELECT token_hash FROM password_reset_tokens"));
    }

    [Theory]
    [InlineData("30")]
    [InlineData("0d")]
    [InlineData("a week")]
    public async Task Cleanup_refuses_an_age_it_cannot_read_and_deletes_nothing(string age)
    {
        await SeedAsync();

        var result = await _sandbox.RunAsync("accounts", "cleanup", "--older-than", age);

        result.ShouldExitWith(2);
        Assert.Contains("--older-than takes a positive whole number and a unit", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(5, SqliteFile.Count(_sandbox.DatabasePath, "SELECT count(*) FROM refresh_tokens"));
    }

    [Fact]
    public async Task Cleanup_on_a_database_behind_head_says_to_upgrade_first()
    {
        await _sandbox.AddDatabaseAtAsync("021");

        var result = await _sandbox.RunAsync("accounts", "cleanup", "--older-than", "30d");

        result.ShouldExitWith(1);
        Assert.Contains("Run 'timetracker db upgrade' first.", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>
    /// One user with three sign-ins: "old", signed out 90 days ago (two tokens); "live", begun 40 days ago and
    /// refreshed yesterday (its first token retired 40 days ago); "recent", expired 10 days ago. And two reset
    /// links: one used 60 days ago, one still valid.
    /// </summary>
    private async Task SeedAsync()
    {
        var path = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);
        var now = DateTimeOffset.UtcNow;
        string Ago(int days) => (now - TimeSpan.FromDays(days)).ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
        SqliteFile.Execute(path, $"""
            INSERT INTO users (email, name, created_at, updated_at) VALUES ('user@cli.test', 'User', '{Ago(100)}', '{Ago(100)}');
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at, created_at) VALUES (1, 'o1', 'old', '{Ago(80)}', '{Ago(90)}', '{Ago(91)}');
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at, created_at) VALUES (1, 'o2', 'old', '{Ago(77)}', '{Ago(90)}', '{Ago(90)}');
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, revoked_at, created_at) VALUES (1, 'l1', 'live', '{Ago(26)}', '{Ago(40)}', '{Ago(40)}');
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, created_at) VALUES (1, 'l2', 'live', '{Ago(-10)}', '{Ago(1)}');
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, created_at) VALUES (1, 'r1', 'recent', '{Ago(10)}', '{Ago(24)}');
            INSERT INTO password_reset_tokens (user_id, token_hash, expires_at, used_at, created_at) VALUES (1, 'spent', '{Ago(59)}', '{Ago(60)}', '{Ago(60)}');
            INSERT INTO password_reset_tokens (user_id, token_hash, expires_at, created_at) VALUES (1, 'fresh', '{Ago(-1)}', '{Ago(0)}');
            """);
    }
}

using System.Text.RegularExpressions;

namespace TimeTracker.Tests.Cli;

/// <summary>Offline mode: <c>upgrade --sql</c> and <c>downgrade --sql</c> print SQL and touch no database.</summary>
public sealed class OfflineScriptTests : IDisposable
{
    private const string Sqlite3 = "/usr/bin/sqlite3";
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Upgrade_sql_prints_a_script_with_tables_version_inserts_and_transactions_and_writes_no_database()
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "--sql");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var script = result.StdOut;
        Assert.StartsWith($"-- Waymark upgrade base -> {ExpectedChain.Head} (sqlite)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"alembic_version\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"waymark_history\"", script, StringComparison.Ordinal);
        foreach (var table in ExpectedChain.TablesAtHead)
            Assert.Contains($"CREATE TABLE \"{table}\"", script, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"alembic_version\" (version_num) VALUES ('001');", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = '019' WHERE version_num = '018';", script, StringComparison.Ordinal);
        Assert.Contains($"UPDATE \"alembic_version\" SET version_num = '{ExpectedChain.Head}' WHERE version_num = '{ExpectedChain.Before(ExpectedChain.Head)}';", script, StringComparison.Ordinal);
        Assert.Equal(ExpectedChain.Ids.Count, Regex.Count(script, "^BEGIN;$", RegexOptions.Multiline));
        Assert.Equal(ExpectedChain.Ids.Count, Regex.Count(script, "^COMMIT;$", RegexOptions.Multiline));
        Assert.Equal(ExpectedChain.Ids.Count, Regex.Count(script, "^INSERT INTO \"waymark_history\"", RegexOptions.Multiline));
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Full_upgrade_script_applied_with_sqlite3_gives_a_database_at_head_like_an_online_upgrade()
    {
        var script = (await _sandbox.RunAsync("db", "upgrade", "--sql")).ShouldExitWith(0).StdOut;

        var applied = await ExternalProcess.RunAsync(Sqlite3, ["-bail", "applied.db"], _sandbox.Root, standardInput: script);

        applied.ShouldExitWith(0);
        Assert.Equal("", applied.StdErr);
        var current = await _sandbox.RunAsync("db", "current", "--database", "sqlite:///applied.db");
        current.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head)"], current.OutLines);
        Assert.Equal("", current.StdErr);

        // The same schema and the same recorded checksums as a database upgraded online.
        var online = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head, "online.db");
        var offline = _sandbox.PathOf("applied.db");
        const string Schema = "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
        const string History = "SELECT revision || ' ' || direction || ' ' || from_versions || ' ' || checksum FROM waymark_history ORDER BY id";
        Assert.Equal(SqliteFile.Column(online, Schema), SqliteFile.Column(offline, Schema));
        Assert.Equal(SqliteFile.Column(online, History), SqliteFile.Column(offline, History));
    }

    [Fact]
    public async Task Upgrade_sql_from_017_to_019_holds_only_018_and_019()
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "--sql", "017:019");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var script = result.StdOut;
        Assert.StartsWith("-- Waymark upgrade 017 -> 019 (sqlite)", script, StringComparison.Ordinal);
        Assert.Equal(
            ["-- upgrade 017 -> 018: add organizations (018_add_organizations.cs)", "-- upgrade 018 -> 019: add auth features (019_add_auth_features.cs)"],
            Regex.Matches(script, "^-- (?:upgrade|downgrade) .*$", RegexOptions.Multiline).Select(m => m.Value));
        Assert.Contains("CREATE TABLE \"organizations\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"password_reset_tokens\"", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = '018' WHERE version_num = '017';", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = '019' WHERE version_num = '018';", script, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE \"alembic_version\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("CREATE TABLE \"users\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("INSERT INTO \"alembic_version\"", script, StringComparison.Ordinal);
        // One transaction prepares the history table (created where missing, given the columns an older Waymark's lacks), one per revision.
        Assert.Equal(3, Regex.Count(script, "^BEGIN;$", RegexOptions.Multiline));
        Assert.Equal(3, Regex.Count(script, "^COMMIT;$", RegexOptions.Multiline));
        Assert.True(script.IndexOf("CREATE TABLE IF NOT EXISTS \"waymark_history\"", StringComparison.Ordinal) < script.IndexOf("-- upgrade 017", StringComparison.Ordinal));
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Downgrade_sql_from_019_to_018_undoes_019_and_applies_cleanly_with_sqlite3()
    {
        var result = await _sandbox.RunAsync("db", "downgrade", "--sql", "019:018");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var script = result.StdOut;
        Assert.StartsWith("-- Waymark downgrade 019 -> 018 (sqlite)", script, StringComparison.Ordinal);
        Assert.Equal(
            ["-- downgrade 019 -> 018: add auth features (019_add_auth_features.cs)"],
            Regex.Matches(script, "^-- (?:upgrade|downgrade) .*$", RegexOptions.Multiline).Select(m => m.Value));
        foreach (var table in new[] { "password_reset_tokens", "email_verification_tokens", "refresh_tokens", "subscription_events" })
            Assert.Contains($"DROP TABLE \"{table}\";", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE \"alembic_version\" SET version_num = '018' WHERE version_num = '019';", script, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE \"memberships\"", script, StringComparison.Ordinal);
        Assert.Empty(_sandbox.DatabaseFiles());

        // The script does to a database at 019 what it says.
        var db = await _sandbox.AddDatabaseAtAsync("019");
        var applied = await ExternalProcess.RunAsync(Sqlite3, ["-bail", db], _sandbox.Root, standardInput: script);
        applied.ShouldExitWith(0);
        Assert.Equal("", applied.StdErr);
        Assert.Equal<string>(["018"], SqliteFile.Versions(db));
        var tables = SqliteFile.Tables(db);
        Assert.DoesNotContain("password_reset_tokens", tables);
        Assert.DoesNotContain("subscription_events", tables);
        Assert.Contains("memberships", tables);
        Assert.DoesNotContain("stripe_customer_id", SqliteFile.Column(db, "SELECT name FROM pragma_table_info('organizations')"));
        Assert.DoesNotContain("password_hash", SqliteFile.Column(db, "SELECT name FROM pragma_table_info('users')"));
    }
}

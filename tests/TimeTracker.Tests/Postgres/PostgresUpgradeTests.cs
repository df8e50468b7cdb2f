using System.Text.RegularExpressions;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary><c>timetracker db upgrade/current/downgrade</c> and <c>upgrade --sql</c> on a real PostgreSQL database.</summary>
public sealed class PostgresUpgradeTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Upgrade_applies_every_revision_current_says_the_head_and_downgrade_base_leaves_only_the_bookkeeping_tables()
    {
        await using var db = await PostgresDatabase.CreateAsync();

        var upgrade = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        upgrade.ShouldExitWith(0);
        Assert.Equal("", upgrade.StdErr);
        var lines = upgrade.OutLines;
        var count = ExpectedChain.Ids.Count;
        Assert.Equal(count + 1, lines.Count);
        for (var i = 0; i < count; i++)
        {
            var (id, message) = ExpectedChain.Revisions[i];
            Assert.Matches($@"^Upgraded {ExpectedChain.Before(id)} -> {id}: {Regex.Escape(message)} \(\d+\.\d ms\)$", lines[i]);
        }
        Assert.Matches($@"^Database is at {ExpectedChain.Head} \({count} revision\(s\), \d+\.\d ms\)\.$", lines[count]);
        Assert.Equal<string>([ExpectedChain.Head], await db.VersionsAsync());
        Assert.Equal<string?>(ExpectedChain.Ids, await db.ColumnAsync("SELECT revision FROM waymark_history WHERE direction = 'upgrade' ORDER BY id"));
        Assert.Equal(count, await db.CountAsync("SELECT count(*) FROM waymark_history"));
        Assert.Equal<string>([.. ExpectedChain.TablesAtHead.Append("alembic_version").Append("waymark_history").Order(StringComparer.Ordinal)], await db.TablesAsync());
        Assert.Empty(_sandbox.DatabaseFiles());
        var log = await File.ReadAllTextAsync(_sandbox.LogPath);
        Assert.Contains("CREATE TABLE \"password_reset_tokens\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"data_protection_keys\"", log, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"invitations\"", log, StringComparison.Ordinal);
        Assert.Contains("Exit code 0", log, StringComparison.Ordinal);

        var current = await _sandbox.RunAsync("db", "current", "--database", db.Url);

        current.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head)"], current.OutLines);
        Assert.Equal("", current.StdErr);

        var downgrade = await _sandbox.RunAsync("db", "downgrade", "base", "--database", db.Url);

        downgrade.ShouldExitWith(0);
        Assert.Equal("", downgrade.StdErr);
        Assert.Equal(count + 1, downgrade.OutLines.Count);
        for (var i = 0; i < count; i++)
        {
            var (id, message) = ExpectedChain.Revisions[count - 1 - i];
            Assert.Matches($@"^Downgraded {id} -> {ExpectedChain.Before(id)}: {Regex.Escape(message)} \(\d+\.\d ms\)$", downgrade.OutLines[i]);
        }
        Assert.StartsWith($"Database is at base ({count} revision(s), ", downgrade.OutLines[count], StringComparison.Ordinal);
        Assert.Equal<string>(["alembic_version", "waymark_history"], await db.TablesAsync());
        Assert.Empty(await db.VersionsAsync());
        // No index, sequence, view or type of the chain is left behind: only the bookkeeping tables' own.
        Assert.Equal<string?>(
            ["alembic_version", "alembic_version_pkc", "pk_waymark_history", "waymark_history", "waymark_history_id_seq"],
            await db.ColumnAsync("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY c.relname"));
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typrelid = 0 AND t.typelem = 0"));
        Assert.Equal(count, await db.CountAsync("SELECT count(*) FROM waymark_history WHERE direction = 'downgrade'"));

        var again = await _sandbox.RunAsync("db", "current", "--database", db.Url);
        again.ShouldExitWith(0);
        Assert.Equal<string>(["base (no revision recorded)"], again.OutLines);
    }

    [Fact]
    public async Task Upgrade_sql_script_applied_with_psql_gives_the_schema_and_history_of_an_online_upgrade()
    {
        await using var offline = await PostgresDatabase.CreateAsync();
        await using var online = await PostgresDatabase.CreateAsync();

        var result = await _sandbox.RunAsync("db", "upgrade", "--sql", "--database", offline.Url);

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var script = result.StdOut;
        Assert.StartsWith($"-- Waymark upgrade base -> {ExpectedChain.Head} (postgres)", script, StringComparison.Ordinal);
        // One transaction per revision, but for 029 and 033, which build an index CONCURRENTLY and so run statement by statement.
        Assert.Equal(ExpectedChain.Ids.Count - 2, Regex.Count(script, "^BEGIN;$", RegexOptions.Multiline));
        Assert.Equal(ExpectedChain.Ids.Count - 2, Regex.Count(script, "^COMMIT;$", RegexOptions.Multiline));
        Assert.Empty(await offline.TablesAsync());

        var path = _sandbox.PathOf("upgrade.sql");
        await File.WriteAllTextAsync(path, script);
        var applied = await Psql.RunFileAsync(offline.Url, path, _sandbox.Root);
        applied.ShouldExitWith(0);
        Assert.Equal("", applied.StdErr);
        (await _sandbox.RunAsync("db", "upgrade", "--database", online.Url)).ShouldExitWith(0);

        var expected = await online.UserSchemaAsync();
        var actual = await offline.UserSchemaAsync();
        Assert.Equal(expected.ToString(), actual.ToString());
        Assert.Equal(expected, actual);
        Assert.Equal(ExpectedChain.TablesAtHead.Count, actual.Tables.Count);
        // The bookkeeping tables too, and the same recorded checksums of the SQL applied.
        Assert.Equal((await online.SchemaAsync()).ToString(), (await offline.SchemaAsync()).ToString());
        Assert.Equal<string>([ExpectedChain.Head], await offline.VersionsAsync());
        const string History = "SELECT concat_ws(' ', revision, direction, from_versions, checksum) FROM waymark_history ORDER BY id";
        Assert.Equal(await online.ColumnAsync(History), await offline.ColumnAsync(History));
        var current = await _sandbox.RunAsync("db", "current", "--database", offline.Url);
        current.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head)"], current.OutLines);
    }
}

using System.Text.RegularExpressions;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// Eight deploys at once (eight replicas starting, each running its migrations): the advisory lock lets one
/// run at a time, and a run that waited re-reads the version and does only what is still pending.
/// </summary>
public sealed class ConcurrentUpgradeTests : IDisposable
{
    private const int Runs = 8;
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Eight_upgrades_started_at_once_all_exit_0_and_apply_every_revision_exactly_once()
    {
        await using var db = await PostgresDatabase.CreateAsync();

        // Each process starts before the next RunAsync call (nothing is awaited until it has started). They share
        // a working directory, so they also share logs/timetracker.log, as replicas on one host would.
        var runs = Enumerable.Range(0, Runs).Select(_ => _sandbox.RunAsync("db", "upgrade", "--database", db.Url)).ToList();
        var results = await Task.WhenAll(runs);

        foreach (var result in results)
        {
            result.ShouldExitWith(0);
            Assert.Matches($@"^(Database is at {ExpectedChain.Head} \(\d+ revision\(s\), \d+\.\d ms\)\.|Nothing to do: the database is at {ExpectedChain.Head}\.)$", result.OutLines[^1]);
            // A run that waited says on whom (or, when the holder let go in between, that someone just had it).
            Assert.All(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.Matches(@"^Waiting for the migration lock \(up to 60 s\): (server process \d+ \(waymark, user |another session \(it may have just finished\))", line));
        }
        Assert.Equal<string>([ExpectedChain.Head], await db.VersionsAsync());
        Assert.Equal<string?>(
            [.. ExpectedChain.Ids.Select(id => $"{id} upgrade 1")],
            await db.ColumnAsync("SELECT revision || ' ' || direction || ' ' || count(*) FROM waymark_history GROUP BY revision, direction ORDER BY revision"));
        Assert.Equal(ExpectedChain.Ids.Count, await db.CountAsync("SELECT count(*) FROM waymark_history"));
        // Between them, the runs printed each step once.
        var steps = results.SelectMany(r => r.OutLines).Where(l => l.StartsWith("Upgraded ", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"^Upgraded \S+ -> (\d+):").Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(ExpectedChain.Ids, steps);
        Assert.Equal<string>([.. ExpectedChain.TablesAtHead.Append("alembic_version").Append("waymark_history").Order(StringComparer.Ordinal)], await db.TablesAsync());
    }

    [Fact]
    public async Task Eight_upgrades_started_at_once_in_one_working_directory_all_keep_their_log_entries()
    {
        await using var db = await PostgresDatabase.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => _sandbox.RunAsync("db", "upgrade", "--database", db.Url)).ToList());

        foreach (var result in results)
            result.ShouldExitWith(0);
        var log = await File.ReadAllTextAsync(_sandbox.LogPath);
        Assert.Equal(Runs, Regex.Count(log, @"\] \(\d+\) TimeTracker: timetracker db upgrade --database "));
        Assert.Equal(Runs, Regex.Count(log, @"\] \(\d+\) TimeTracker: Exit code 0$", RegexOptions.Multiline));
        // Each table once, and settings twice: 023 recreates it with its new primary key.
        Assert.Equal(ExpectedChain.TablesAtHead.Count + 1, Regex.Count(log, "CREATE TABLE \"(?!alembic_version|waymark_history)"));
    }
}

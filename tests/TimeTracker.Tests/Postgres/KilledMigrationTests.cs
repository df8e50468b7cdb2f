using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// A run killed outright (SIGKILL: the OOM killer, a node going away) in the middle of a migration leaves
/// no trace of it: PostgreSQL rolls back the open transaction, with its DDL, and frees the advisory lock.
/// </summary>
public sealed class KilledMigrationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Upgrade_killed_inside_018_leaves_the_database_at_017_and_the_next_upgrade_completes()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.UpgradeAsync("017");
        var at017 = await db.StateAsync();

        // 018 creates organizations, then memberships, whose foreign key to users needs a lock on users.
        await using var blocker = await db.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE users IN ACCESS EXCLUSIVE MODE", blocker, hold))
            await command.ExecuteNonQueryAsync();

        using var run = BackgroundProcess.StartTimeTracker(_sandbox.Root, "db", "upgrade", "--database", db.Url);
        var (pid, statement) = await WaitUntilBlockedAsync(db, run);
        Assert.StartsWith("CREATE TABLE \"memberships\"", statement, StringComparison.Ordinal);

        run.Kill();
        var killed = await run.WaitAsync(Patience);
        Assert.Equal(128 + 9, killed.ExitCode);
        Assert.DoesNotContain("Upgraded", killed.StdOut, StringComparison.Ordinal);

        // The server process of the dead run notices it is gone once it can go on; then it rolls back.
        await hold.RollbackAsync();
        await WaitUntilGoneAsync(db, pid);

        Assert.Equal<string>(["017"], await db.VersionsAsync());
        var tables = await db.TablesAsync();
        Assert.DoesNotContain("organizations", tables);
        Assert.DoesNotContain("memberships", tables);
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM waymark_history WHERE revision = '018'"));
        Assert.Equal(at017, await db.StateAsync());
        Assert.Equal(0, await db.CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));

        var upgrade = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url, "--lock-timeout", "5");

        upgrade.ShouldExitWith(0);
        Assert.Equal("", upgrade.StdErr);
        Assert.StartsWith("Upgraded 017 -> 018: add organizations (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 018 -> 019: add auth features (", upgrade.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 019 -> 020: add account security (", upgrade.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 020 -> 021: add invitations (", upgrade.OutLines[3], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 021 -> 022: add billing event order (", upgrade.OutLines[4], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 022 -> 023: add organization tenancy (", upgrade.OutLines[5], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 023 -> 024: add time tracking (", upgrade.OutLines[6], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 024 -> 025: add security hardening (", upgrade.OutLines[7], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 025 -> 026: add api token scopes (", upgrade.OutLines[8], StringComparison.Ordinal);
        Assert.StartsWith($"Database is at {ExpectedChain.Head} (9 revision(s), ", upgrade.OutLines[9], StringComparison.Ordinal);
        Assert.Equal<string>([ExpectedChain.Head], await db.VersionsAsync());
        Assert.Equal<string?>(["018", "019", "020", "021", "022", "023", "024", "025", "026"], await db.ColumnAsync("SELECT revision FROM waymark_history WHERE id > 17 ORDER BY id"));
    }

    /// <summary>Polls pg_stat_activity until the run's session waits for a lock; its pid and statement.</summary>
    private static async Task<(int Pid, string Statement)> WaitUntilBlockedAsync(PostgresDatabase db, BackgroundProcess run)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (run.HasExited)
                Assert.Fail($"The upgrade ended instead of blocking on the lock:\n{await run.WaitAsync(Patience)}");
            var waiting = await db.ColumnAsync(
                $"SELECT pid || ' ' || query FROM pg_stat_activity WHERE datname = '{db.Name}' AND application_name = 'waymark' AND wait_event_type = 'Lock'");
            if (waiting.Count == 1)
            {
                var parts = waiting[0]!.Split(' ', 2);
                return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The upgrade did not block on the lock on users within {Patience.TotalSeconds} s.");
    }

    private static async Task WaitUntilGoneAsync(PostgresDatabase db, int pid)
    {
        var clock = Stopwatch.StartNew();
        while (await db.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}") > 0)
        {
            if (clock.Elapsed > Patience)
                throw new TimeoutException($"Server process {pid} of the killed run was still there after {Patience.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }
}

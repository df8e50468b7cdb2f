using System.Data.Common;
using System.Diagnostics;

namespace TimeTracker.Tests.Database;

/// <summary>
/// Observes PostgreSQL's own view of lock waits, so that a test proves a session is blocked (instead of
/// sleeping and hoping) before it asserts that the session's work has not finished.
/// </summary>
public static class PostgresLockWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Returns once the server reports session <paramref name="waiterPid"/> blocked by session
    /// <paramref name="holderPid"/> (<c>pg_blocking_pids</c>); fails if <paramref name="work"/> ends first.
    /// </summary>
    public static async Task UntilBlockedAsync(DbConnection observer, int waiterPid, int holderPid, Task work)
    {
        await using var command = observer.CreateCommand();
        command.CommandText = $"SELECT {holderPid} = ANY(pg_blocking_pids({waiterPid}))";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (work.IsCompleted)
                Assert.Fail($"Session {waiterPid} finished its work instead of waiting for session {holderPid}'s lock.");
            if ((bool)(await command.ExecuteScalarAsync())!)
                return;
            await Task.Delay(20);
        }
        Assert.Fail($"Session {waiterPid} did not come to wait for session {holderPid}'s lock within {Patience.TotalSeconds} s.");
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Database;
using TimeTracker.Tests.Api;
using TimeTracker.Tracking.Timers;

namespace TimeTracker.Tests.Tracking;

/// <summary>Running the forgotten-timer worker's pass from a test, and timers to give it.</summary>
internal static class ForgottenTimerPasses
{
    /// <summary>One pass of the worker of <paramref name="api"/>'s host, as <c>serve</c> runs it every interval.</summary>
    public static Task<TimerPass> PassAsync(this TestApi api) =>
        api.Services.GetRequiredService<ForgottenTimers>().RunAsync(CancellationToken.None);

    /// <summary>
    /// <paramref name="count"/> people of a new organization, each with a timer running since <paramref name="startedAt"/>
    /// (made in SQL: the worker needs no sign-in); their addresses and entry ids.
    /// </summary>
    public static async Task<(long OrgId, IReadOnlyList<(string Email, long EntryId)> Timers)> RunningTimersAsync(
        this TestApi api, int count, DateTimeOffset startedAt)
    {
        var now = api.Time.GetUtcNow();
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            var orgId = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO organizations (name, slug, created_at, updated_at) VALUES ('Many timers', @slug, @now, @now) RETURNING id",
                CancellationToken.None, ("slug", "org-" + Guid.NewGuid().ToString("N")[..12]), ("now", now)), CultureInfo.InvariantCulture);
            var timers = new List<(string, long)>();
            for (var i = 0; i < count; i++)
            {
                var email = $"timer-{Guid.NewGuid():N}@example.test";
                var userId = Convert.ToInt64(await session.ScalarAsync(
                    "INSERT INTO users (email, name, created_at, updated_at) VALUES (@email, @name, @now, @now) RETURNING id",
                    CancellationToken.None, ("email", email), ("name", $"Person {i}"), ("now", now)), CultureInfo.InvariantCulture);
                await session.ExecuteAsync("INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (@org, @user, 'member', @now)",
                    CancellationToken.None, ("org", orgId), ("user", userId), ("now", now));
                var entryId = Convert.ToInt64(await session.ScalarAsync(
                    "INSERT INTO time_entries (organization_id, user_id, started_at, billable, source, created_at, updated_at) " +
                    "VALUES (@org, @user, @start, @no, 'timer', @start, @start) RETURNING id",
                    CancellationToken.None, ("org", orgId), ("user", userId), ("start", startedAt), ("no", false)), CultureInfo.InvariantCulture);
                timers.Add((email, entryId));
            }
            return (orgId, timers);
        }
    }

    /// <summary>An entry's end as stored, and whether it is marked auto-stopped.</summary>
    public static async Task<(DateTimeOffset? EndedAt, bool AutoStopped)> EndAsync(this TestApi api, long entryId)
    {
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
            return await session.QuerySingleOrDefaultAsync("SELECT ended_at, auto_stopped FROM time_entries WHERE id = @id",
                r => (r.InstantOrNull("ended_at"), r.Boolean("auto_stopped")), CancellationToken.None, ("id", entryId));
    }
}

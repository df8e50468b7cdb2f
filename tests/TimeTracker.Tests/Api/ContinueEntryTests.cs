using System.Net;
using TimeTracker.Tests.Tracking;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Api;

/// <summary><c>POST /orgs/{orgId}/time-entries/{id}/continue</c>: the timer started again on an entry, on both dialects.</summary>
public sealed class ContinueEntryTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] Tags = ["focus", "client"];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Continuing_an_entry_stops_the_running_timer_and_starts_one_with_the_entrys_details(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Website");
        var taskId = await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Design" }, team.Admin.Token).IdAsync();
        var entry = await api.PostAsync(team.Path("time-entries"), new
        {
            startedAt = Iso(api.Time.GetUtcNow().AddHours(-3)), endedAt = Iso(api.Time.GetUtcNow().AddHours(-2)), taskId,
            description = "Mock-ups", billable = false, tags = Tags,
        }, team.Member.Token).IdAsync();
        var running = await api.PostAsync(team.Path("timer/start"), new { description = "Email" }, team.Member.Token).IdAsync();
        api.Time.Advance(TimeSpan.FromMinutes(10));

        var continued = await api.PostAsync(team.Path($"time-entries/{entry}/continue"), null, team.Member.Token);

        Assert.Equal(HttpStatusCode.Created, continued.StatusCode);
        var timer = await continued.JsonAsync();
        var timerId = timer.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/orgs/{team.OrgId}/time-entries/{timerId}", continued.Headers.Location?.ToString());
        Assert.NotEqual(entry, timerId);
        Assert.Equal("Mock-ups", timer.GetProperty("description").GetString());
        Assert.Equal(projectId, timer.GetProperty("projectId").GetInt64());
        Assert.Equal(taskId, timer.GetProperty("taskId").GetInt64());
        Assert.False(timer.GetProperty("billable").GetBoolean());
        Assert.Equal(["client", "focus"], timer.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("timer", timer.GetProperty("source").GetString());
        Assert.True(timer.GetProperty("isRunning").GetBoolean());
        Assert.Equal(timerId, (await (await api.GetAsync(team.Path("timer"), team.Member.Token)).JsonAsync()).GetProperty("id").GetInt64());
        // The timer that ran stopped at the instant the new one started.
        var stopped = await (await api.GetAsync(team.Path($"time-entries/{running}"), team.Member.Token)).JsonAsync();
        Assert.Equal(600, stopped.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(timer.GetProperty("startedAt").GetDateTimeOffset(), stopped.GetProperty("endedAt").GetDateTimeOffset());
        // The continued entry itself is left as it was.
        var original = await (await api.GetAsync(team.Path($"time-entries/{entry}"), team.Member.Token)).JsonAsync();
        Assert.Equal(3600, original.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE user_id = {team.Member.Id} AND ended_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Only_its_owner_continues_an_entry_and_anyone_elses_is_not_found_even_for_an_owner(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var members = await api.EntryAsync(team, team.Member, api.Time.GetUtcNow().AddHours(-2), 30);
        var theirs = await api.EntryAsync(other, other.Member, api.Time.GetUtcNow().AddHours(-2), 30);
        var ownersTimer = await api.PostAsync(team.Path("timer/start"), new { }, team.Owner.Token).IdAsync();

        var byOwner = await api.PostAsync(team.Path($"time-entries/{members}/continue"), null, team.Owner.Token);
        var byAdmin = await api.PostAsync(team.Path($"time-entries/{members}/continue"), null, team.Admin.Token);
        var otherOrganizations = await api.PostAsync(team.Path($"time-entries/{theirs}/continue"), null, team.Member.Token);
        var missing = await api.PostAsync(team.Path("time-entries/999999/continue"), null, team.Member.Token);
        var notAMember = await api.PostAsync(other.Path($"time-entries/{theirs}/continue"), null, team.Member.Token);

        Assert.All([byOwner, byAdmin, otherOrganizations, missing, notAMember], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains($"No time entry {members} among those you can see in organization {team.OrgId}", await byOwner.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(ownersTimer, (await (await api.GetAsync(team.Path("timer"), team.Owner.Token)).JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM time_entries WHERE ended_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_entry_on_an_archived_project_is_not_continued_and_the_running_timer_keeps_running(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Old site");
        var entry = await api.EntryAsync(team, team.Member, api.Time.GetUtcNow().AddHours(-2), 30, projectId);
        Assert.True((await api.PatchAsync(team.Path($"projects/{projectId}"), new { archived = true }, team.Admin.Token)).IsSuccessStatusCode);
        var running = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();

        var refused = await api.PostAsync(team.Path($"time-entries/{entry}/continue"), null, team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ProblemAsync();
        Assert.Contains("Entry cannot be continued", problem, StringComparison.Ordinal);
        Assert.Contains($"Time entry {entry} cannot be continued: Project {projectId} is archived; restore it or choose another.", problem, StringComparison.Ordinal);
        Assert.Equal(running, (await (await api.GetAsync(team.Path("timer"), team.Member.Token)).JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(["2"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE user_id = {team.Member.Id}"));
    }
}

using System.Net;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>The running timer over HTTP, on both dialects.</summary>
public sealed class TimerTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] Focus = ["focus"];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Starting_a_timer_stops_the_running_one_and_stopping_derives_the_duration(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Website");
        Assert.Equal(HttpStatusCode.NoContent, (await api.GetAsync(team.Path("timer"), team.Member.Token)).StatusCode);

        var first = await api.PostAsync(team.Path("timer/start"), new { projectId, description = "Design", tags = Focus }, team.Member.Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await first.JsonAsync()).GetProperty("id").GetInt64();
        api.Time.Advance(TimeSpan.FromMinutes(8));
        var running = await (await api.GetAsync(team.Path("timer"), team.Member.Token)).JsonAsync();
        Assert.Equal(firstId, running.GetProperty("id").GetInt64());
        Assert.Equal("timer", running.GetProperty("source").GetString());
        Assert.Equal(["focus"], running.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var second = await (await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token)).JsonAsync();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        var stopped = await api.PostAsync(team.Path("timer/stop"), null, team.Member.Token);

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(300, (await stopped.JsonAsync()).GetProperty("durationSeconds").GetInt64());
        Assert.False(second.GetProperty("billable").GetBoolean());
        var firstNow = await (await api.GetAsync(team.Path($"time-entries/{firstId}"), team.Member.Token)).JsonAsync();
        Assert.Equal(480, firstNow.GetProperty("durationSeconds").GetInt64());
        Assert.True(firstNow.GetProperty("billable").GetBoolean());
        var again = await api.PostAsync(team.Path("timer/stop"), null, team.Member.Token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"You have no running timer in organization {team.OrgId}", await again.ProblemAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Each_user_has_one_timer_per_organization_even_when_starts_race(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await api.OrganizationAsync(team.Member, "Side gig");

        var starts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token)));
        await api.PostAsync($"/api/v1/orgs/{other}/timer/start", new { }, team.Member.Token);
        await api.PostAsync(team.Path("timer/start"), new { }, team.Admin.Token);

        Assert.All(starts, s => Assert.Equal(HttpStatusCode.Created, s.StatusCode));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE organization_id = {team.OrgId} AND user_id = {team.Member.Id} AND ended_at IS NULL"));
        Assert.Equal(["10"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE organization_id = {team.OrgId} AND user_id = {team.Member.Id}"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE organization_id = {other} AND ended_at IS NULL"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE user_id = {team.Admin.Id} AND ended_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_entry_reaching_into_the_running_timer_is_refused_and_one_before_it_is_not(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var startedAt = api.Time.GetUtcNow();
        var timer = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();

        var overlapping = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(startedAt.AddMinutes(-30)), endedAt = Iso(startedAt.AddMinutes(10)) }, team.Member.Token);
        var before = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(startedAt.AddMinutes(-30)), endedAt = Iso(startedAt) }, team.Member.Token);
        var moved = await api.PatchAsync(team.Path($"time-entries/{(await before.JsonAsync()).GetProperty("id").GetInt64()}"), new { endedAt = Iso(startedAt.AddMinutes(5)) }, team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Contains($"after the running timer (entry {timer}) started at", await overlapping.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Equal(["2"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE user_id = {team.Member.Id}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_timer_on_an_archived_or_foreign_project_does_not_start_and_the_running_one_keeps_running(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var foreign = await api.ProjectAsync(other, "Theirs");
        var running = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();

        var refused = await api.PostAsync(team.Path("timer/start"), new { projectId = foreign }, team.Member.Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"No project {foreign} in organization {team.OrgId}", await refused.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(running, (await (await api.GetAsync(team.Path("timer"), team.Member.Token)).JsonAsync()).GetProperty("id").GetInt64());
    }
}

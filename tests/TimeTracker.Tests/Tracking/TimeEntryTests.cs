using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>Time entries over HTTP, on both dialects.</summary>
public sealed class TimeEntryTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] KickOffTags = ["meeting", " client ", "meeting"];
    private static readonly string[] Design = ["design"];
    private static readonly string[] Empty = [""];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_entry_gets_its_duration_from_its_times_and_keeps_its_tags_and_source(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Website");
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1));

        var created = await api.PostAsync(team.Path("time-entries"), new
        {
            startedAt = "2026-11-02T09:00:00+01:00",
            endedAt = "2026-11-02T10:30:15+01:00",
            projectId,
            description = "Kick-off",
            tags = KickOffTags,
            source = "api",
        }, team.Member.Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.JsonAsync();
        Assert.Equal(5415, entry.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(start, entry.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(team.Member.Id, entry.GetProperty("userId").GetInt64());
        Assert.True(entry.GetProperty("billable").GetBoolean());
        Assert.Equal("api", entry.GetProperty("source").GetString());
        Assert.Equal(["client", "meeting"], entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var id = entry.GetProperty("id").GetInt64();
        Assert.Equal(team.Path($"time-entries/{id}"), created.Headers.Location?.OriginalString);

        // Tags are the organization's: a second entry reuses them, and changing the entry's tags replaces them.
        await api.EntryAsync(team, team.Admin, start.AddDays(1), 60, projectId, tags: ["meeting"]);
        var changed = await (await api.PatchAsync(team.Path($"time-entries/{id}"), new { tags = Design, endedAt = "2026-11-02T09:45:00+01:00" }, team.Member.Token)).JsonAsync();
        Assert.Equal(["design"], changed.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(2700, changed.GetProperty("durationSeconds").GetInt64());
        Assert.Equal("Kick-off", changed.GetProperty("description").GetString());
        Assert.Equal(["client", "design", "meeting"], await api.SqlAsync($"SELECT name FROM tags WHERE organization_id = {team.OrgId} ORDER BY name"));
        var untagged = await (await api.PatchAsync(team.Path($"time-entries/{id}"), new { tags = (string[]?)null }, team.Member.Token)).JsonAsync();
        Assert.Empty(untagged.GetProperty("tags").EnumerateArray());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Bad_entries_are_refused_with_what_is_wrong_and_nothing_is_written(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var foreignProject = await api.ProjectAsync(other, "Theirs");
        var archivedProject = await api.ProjectAsync(team, "Old");
        await api.PatchAsync(team.Path($"projects/{archivedProject}"), new { archived = true }, team.Admin.Token);
        var projectId = await api.ProjectAsync(team, "Website");
        var otherProject = await api.ProjectAsync(team, "Intranet");
        var taskId = await api.PostAsync(team.Path($"projects/{otherProject}/tasks"), new { name = "Design" }, team.Admin.Token).IdAsync();
        var start = api.Time.GetUtcNow().AddDays(-3);

        object Entry(int minutes, object? extra = null) => new Dictionary<string, object?>
        {
            ["startedAt"] = Iso(start),
            ["endedAt"] = Iso(start.AddMinutes(minutes)),
            ["projectId"] = projectId,
        }.Concat(extra is null ? [] : JsonSerializer.SerializeToElement(extra).EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)))
         .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

        var cases = new (object Body, string Expected)[]
        {
            (Entry(-30), "'endedAt' ("),
            (Entry(0), "must be after 'startedAt'"),
            (Entry(25 * 60), "more than 24; set 'force' to true"),
            (Entry(30, new { projectId = foreignProject }), $"No project {foreignProject} in organization {team.OrgId}"),
            (Entry(30, new { projectId = archivedProject }), $"Project {archivedProject} is archived"),
            (Entry(30, new { projectId = 999_999 }), $"No project 999999 in organization {team.OrgId}"),
            (Entry(30, new { taskId }), $"Task {taskId} belongs to project {otherProject}, not to project {projectId}"),
            (Entry(30, new { startedAt = "2026-11-02T09:00:00" }), "'startedAt' must be a date and time with an offset"),
            (Entry(30, new { source = "timer" }), "'source' must be one of manual, api, import"),
            (Entry(30, new { tags = Empty }), "'tags' holds an empty name"),
            (new { endedAt = Iso(start) }, "'startedAt' is required"),
        };
        foreach (var (body, expected) in cases)
        {
            var response = await api.PostAsync(team.Path("time-entries"), body, team.Member.Token);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{expected}: {(int)response.StatusCode} {await response.ProblemAsync()}");
            Assert.Contains(expected, await response.ProblemAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM time_entries"));
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM tags"));

        var forced = await api.PostAsync(team.Path("time-entries"), Entry(25 * 60, new { force = true }), team.Member.Token);
        Assert.Equal(HttpStatusCode.Created, forced.StatusCode);
        var forcedEntry = await forced.JsonAsync();
        Assert.Equal(90_000, forcedEntry.GetProperty("durationSeconds").GetInt64());
        // Accepted once with force, its span is not questioned again when something else changes.
        var described = await api.PatchAsync(team.Path($"time-entries/{forcedEntry.GetProperty("id").GetInt64()}"), new { description = "Workshop" }, team.Member.Token);
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        // A finished entry planned ahead is just as changeable.
        var planned = await api.EntryAsync(team, team.Member, api.Time.GetUtcNow().AddDays(2), 60);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{planned}"), new { description = "Planned" }, team.Member.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_see_and_change_only_their_own_entries_and_admins_and_owners_anyones(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var start = api.Time.GetUtcNow().AddDays(-1);
        var mine = await api.EntryAsync(team, team.Member, start, 30);
        var admins = await api.EntryAsync(team, team.Admin, start, 30);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path($"time-entries/{admins}"), team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PatchAsync(team.Path($"time-entries/{admins}"), new { description = "mine now" }, team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync(team.Path($"time-entries/{admins}"), team.Member.Token)).StatusCode);
        var listed = await (await api.GetAsync(team.Path("time-entries"), team.Member.Token)).JsonAsync();
        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(team.Path($"time-entries?userId={team.Admin.Id}"), team.Member.Token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{mine}"), new { description = "checked" }, team.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"time-entries/{mine}"), team.Admin.Token)).StatusCode);
        var forMember = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(start), endedAt = Iso(start.AddHours(1)), userId = team.Member.Id }, team.Admin.Token);
        Assert.Equal(team.Member.Id, (await forMember.JsonAsync()).GetProperty("userId").GetInt64());
        var forAdmin = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(start), endedAt = Iso(start.AddHours(1)), userId = team.Admin.Id }, team.Member.Token);
        Assert.Equal(HttpStatusCode.Forbidden, forAdmin.StatusCode);
        var stranger = await api.SignedInAsync();
        var forStranger = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(start), endedAt = Iso(start.AddHours(1)), userId = stranger.Id }, team.Admin.Token);
        Assert.Contains($"User {stranger.Id} is not a member of organization {team.OrgId}", await forStranger.ProblemAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_locked_entry_cannot_be_changed_or_deleted(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var id = await api.EntryAsync(team, team.Member, api.Time.GetUtcNow().AddDays(-1), 30);
        await api.SqlAsync($"UPDATE time_entries SET locked_at = created_at WHERE id = {id}");

        var patch = await api.PatchAsync(team.Path($"time-entries/{id}"), new { description = "late edit" }, team.Owner.Token);
        var delete = await api.DeleteAsync(team.Path($"time-entries/{id}"), team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, patch.StatusCode);
        Assert.Contains($"Time entry {id} was locked by an invoicing that predates invoice links", await patch.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal([""], await api.SqlAsync($"SELECT COALESCE(description, '') FROM time_entries WHERE id = {id}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Listing_filters_by_time_user_project_and_billability_and_pages_newest_first_with_a_cursor(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website");
        var intranet = await api.ProjectAsync(team, "Intranet");
        var day = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
            ids.Add(await api.EntryAsync(team, i % 2 == 0 ? team.Member : team.Admin, day.AddDays(i), 60, i < 4 ? website : intranet, billable: i != 3));

        async Task<List<long>> Ids(string query) =>
            [.. (await (await api.GetAsync(team.Path($"time-entries?{query}"), team.Owner.Token)).JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];

        Assert.Equal([ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]], await Ids(""));
        Assert.Equal([ids[3], ids[2], ids[1]], await Ids("from=2026-10-02&to=2026-10-04"));
        Assert.Equal([ids[2], ids[1]], await Ids("from=2026-10-02T08:00:00Z&to=2026-10-04T08:00:00Z"));
        Assert.Equal([ids[6], ids[4], ids[2], ids[0]], await Ids($"userId={team.Member.Id}"));
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], await Ids($"projectId={website}"));
        Assert.Equal([ids[3]], await Ids("billable=false"));

        var pages = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync(team.Path($"time-entries?limit=3{(cursor is null ? "" : $"&cursor={cursor}")}"), team.Owner.Token)).JsonAsync();
            pages.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(await Ids(""), pages);

        var badLimit = await api.GetAsync(team.Path("time-entries?limit=500"), team.Owner.Token);
        Assert.Contains("'limit' must be a whole number from 1 to 200", await badLimit.ProblemAsync(), StringComparison.Ordinal);
        var badCursor = await api.GetAsync(team.Path("time-entries?cursor=abc"), team.Owner.Token);
        Assert.Contains("'cursor' is not one this API gave out", await badCursor.ProblemAsync(), StringComparison.Ordinal);
        var badRange = await api.GetAsync(team.Path("time-entries?from=2026-10-05&to=2026-10-01"), team.Owner.Token);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Contains("'to' (2026-10-01) must be after 'from' (2026-10-05)", await badRange.ProblemAsync(), StringComparison.Ordinal);
    }
}

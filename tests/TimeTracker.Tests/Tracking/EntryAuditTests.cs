using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.ApprovalRequests;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>The audit of time entries over HTTP, on both dialects: one row per change in the change's transaction, read by admins.</summary>
public sealed class EntryAuditTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Every_entry_change_writes_exactly_one_audit_row_with_who_when_before_and_after(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();

        var entry = await api.EntryAsync(team, team.Member, Morning(week), 30, tags: ["focus"]);
        (await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "Planning" }, team.Admin.Token)).EnsureSuccessStatusCode();
        (await api.DeleteAsync(team.Path($"time-entries/{entry}"), team.Member.Token)).EnsureSuccessStatusCode();
        var first = await api.PostAsync(team.Path("timer/start"), new { description = "Calls" }, team.Member.Token).IdAsync();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();
        api.Time.Advance(TimeSpan.FromMinutes(5));
        (await api.PostAsync(team.Path("timer/stop"), null, team.Member.Token)).EnsureSuccessStatusCode();
        var log = await (await api.GetAsync(team.Path("audit-log?entityType=time_entry"), team.Owner.Token)).JsonAsync();

        var rows = log.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal(
            [
                ("time_entry.created", entry, team.Member.Id), ("time_entry.updated", entry, team.Admin.Id), ("time_entry.deleted", entry, team.Member.Id),
                ("time_entry.created", first, team.Member.Id), ("time_entry.stopped", first, team.Member.Id), ("time_entry.created", second, team.Member.Id),
                ("time_entry.stopped", second, team.Member.Id),
            ],
            rows.Select(r => (r.GetProperty("action").GetString(), long.Parse(r.GetProperty("entityId").GetString()!), r.GetProperty("actorId").GetInt64())));
        Assert.All(rows, r => Assert.Equal(team.Member.Id, r.GetProperty("userId").GetInt64()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("before").ValueKind);
        Assert.Equal(["focus"], rows[0].GetProperty("after").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal((JsonValueKind.Null, "Planning"),
            (rows[1].GetProperty("before").GetProperty("description").ValueKind, rows[1].GetProperty("after").GetProperty("description").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("after").ValueKind);
        Assert.Equal((JsonValueKind.Null, 300),
            (rows[4].GetProperty("before").GetProperty("endedAt").ValueKind, rows[4].GetProperty("after").GetProperty("durationSeconds").GetInt32()));
        Assert.Equal("Calls", rows[4].GetProperty("after").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_refused_change_writes_no_audit_row(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        var entry = await api.EntryAsync(team, team.Member, Morning(week), 30);
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        await api.MoveAsync(team, team.Admin, team.Member, week, "approve");
        var before = await api.AuditRowsAsync(team);

        var refused = new[]
        {
            await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "x" }, team.Admin.Token),
            await api.DeleteAsync(team.Path($"time-entries/{entry}"), team.Member.Token),
            await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(Morning(week.AddDays(1))), endedAt = Iso(Morning(week.AddDays(1)).AddHours(1)) },
                team.Member.Token),
            await api.PatchAsync(team.Path($"time-entries/{entry}"), new { endedAt = Iso(Morning(week).AddHours(-1)) }, team.Member.Token),
        };

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(before, await api.AuditRowsAsync(team));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE organization_id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_page_through_the_audit_log_by_entry_actor_and_time_and_members_cannot_read_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var week = api.LastWeek();
        var entry = await api.EntryAsync(team, team.Member, Morning(week), 30);
        foreach (var text in new[] { "a", "b", "c" })
            (await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = text }, team.Member.Token)).EnsureSuccessStatusCode();
        api.Time.Advance(TimeSpan.FromMinutes(2));
        var later = api.Time.GetUtcNow().AddMinutes(-1);
        await api.EntryAsync(team, team.Admin, Morning(week), 30);
        await api.EntryAsync(other, other.Member, Morning(week), 30);

        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync(team.Path($"audit-log?entityType=time_entry&entityId={entry}&limit=3" +
                (cursor is null ? "" : $"&cursor={cursor}")), team.Admin.Token)).JsonAsync();
            pages.Add(page);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        var byAdmin = await (await api.GetAsync(team.Path($"audit-log?actorId={team.Admin.Id}&entityType=time_entry"), team.Owner.Token)).JsonAsync();
        var recent = await (await api.GetAsync(team.Path($"audit-log?entityType=time_entry&from={Iso(later)}"), team.Owner.Token)).JsonAsync();
        var byMember = await api.GetAsync(team.Path("audit-log"), team.Member.Token);

        Assert.Equal([3, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal(["time_entry.updated", "time_entry.updated", "time_entry.updated", "time_entry.created"],
            pages.SelectMany(p => p.GetProperty("items").EnumerateArray()).Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(team.Admin.Id, Assert.Single(byAdmin.GetProperty("items").EnumerateArray()).GetProperty("userId").GetInt64());
        Assert.Equal(team.Admin.Id, Assert.Single(recent.GetProperty("items").EnumerateArray()).GetProperty("actorId").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Contains("Only admins and owners may read the audit log", await byMember.ProblemAsync(), StringComparison.Ordinal);
    }
}

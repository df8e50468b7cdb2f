using System.Net;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.ApprovalRequests;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>The organization's timesheet policy over HTTP, on both dialects: its period and its lock date.</summary>
public sealed class LockDateTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Nothing_on_or_before_the_lock_date_can_be_created_changed_or_deleted_by_anyone(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        var onLockDate = await api.EntryAsync(team, team.Member, Morning(week.AddDays(3)), 60);
        var dayAfter = await api.EntryAsync(team, team.Member, Morning(week.AddDays(4)), 60);
        var set = await api.PutPolicyAsync(team, team.Admin, "week", Iso(week.AddDays(3)));
        var auditRows = await api.AuditRowsAsync(team);

        var refusals = new[]
        {
            await api.PatchAsync(team.Path($"time-entries/{onLockDate}"), new { description = "late fix" }, team.Owner.Token),
            await api.DeleteAsync(team.Path($"time-entries/{onLockDate}"), team.Member.Token),
            await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(Morning(week)), endedAt = Iso(Morning(week).AddHours(1)) }, team.Admin.Token),
            await api.PatchAsync(team.Path($"time-entries/{dayAfter}"), new { startedAt = Iso(Morning(week.AddDays(3))) }, team.Member.Token),
        };
        var listed = await (await api.GetAsync(team.Path("time-entries"), team.Member.Token)).JsonAsync();
        var after = await api.PatchAsync(team.Path($"time-entries/{dayAfter}"), new { description = "still open" }, team.Member.Token);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(Iso(week.AddDays(3)), (await set.JsonAsync()).GetProperty("lockDate").GetString());
        foreach (var refused in refusals)
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.ProblemAsync();
            Assert.Contains("Before the lock date", problem, StringComparison.Ordinal);
            Assert.Contains($"on or before the organization's lock date ({Iso(week.AddDays(3))})", problem, StringComparison.Ordinal);
        }
        Assert.Equal(
            [(dayAfter, null), (onLockDate, $"Locked: on or before the organization's lock date, {Iso(week.AddDays(3))}.")],
            listed.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("lockReason").GetString())));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(auditRows + 1, await api.AuditRowsAsync(team));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_read_the_policy_and_only_admins_change_it_within_its_rules(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);
        var defaults = await (await api.GetAsync(team.Path("timesheet-policy"), team.Member.Token)).JsonAsync();

        var byMember = await api.PutPolicyAsync(team, team.Member, "month", null);
        var unknown = await api.PutPolicyAsync(team, team.Admin, "fortnight", null);
        var future = await api.PutPolicyAsync(team, team.Admin, "week", Iso(today));
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        var whileWaiting = await api.PutPolicyAsync(team, team.Admin, "month", null);
        await api.MoveAsync(team, team.Admin, team.Member, week, "approve");
        var monthly = await api.PutPolicyAsync(team, team.Owner, "month", null);
        var period = await (await api.GetAsync(team.Path($"timesheets/{team.Member.Id}/{Iso(today)}"), team.Member.Token)).JsonAsync();
        var timer = await api.PostAsync(team.Path("timer/start"), new { }, team.Admin.Token).IdAsync();
        // A timer left running since the day before yesterday.
        await api.SqlAsync($"UPDATE time_entries SET started_at = '{Iso(today.AddDays(-2))} 09:00:00.0000000+00:00' WHERE id = {timer}");
        var overTimer = await api.PutPolicyAsync(team, team.Admin, "month", Iso(today.AddDays(-1)));

        Assert.Equal(("week", System.Text.Json.JsonValueKind.Null), (defaults.GetProperty("period").GetString(), defaults.GetProperty("lockDate").ValueKind));
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'period' must be one of week, month", await unknown.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("The lock date must be in the past", await future.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, whileWaiting.StatusCode);
        Assert.Contains("await a decision", await whileWaiting.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, monthly.StatusCode);
        Assert.Equal((Iso(new DateOnly(today.Year, today.Month, 1)), Iso(new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1))),
            (period.GetProperty("startsOn").GetString(), period.GetProperty("endsOn").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, overTimer.StatusCode);
        Assert.Contains($"The running timer(s) of user(s) {team.Admin.Id} started on or before", await overTimer.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE id = {timer} AND ended_at IS NULL"));
    }
}

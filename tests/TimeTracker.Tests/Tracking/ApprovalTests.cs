using System.Net;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.ApprovalRequests;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>Timesheet approvals over HTTP, on both dialects: the state machine, who may move it, and what it locks.</summary>
public sealed class ApprovalTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_member_submits_an_admin_rejects_with_an_emailed_comment_then_approves_the_resubmission_and_reopens_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        await api.EntryAsync(team, team.Member, Morning(week.AddDays(2)), 90);

        var open = await (await api.GetAsync(team.Path($"timesheets/{team.Member.Id}/{Iso(week.AddDays(4))}"), team.Member.Token)).JsonAsync();
        var submitted = await api.MoveAsync(team, team.Member, team.Member, week.AddDays(3), "submit");
        var listed = await (await api.GetAsync(team.Path("timesheets?status=submitted"), team.Admin.Token)).JsonAsync();
        var rejected = await api.MoveAsync(team, team.Admin, team.Member, week, "reject", new { comment = "Wednesday needs its project.\nThanks!" });
        var email = await api.Mail.WaitForMessageToAsync(team.Member.Email, TimeSpan.FromSeconds(15), "Your timesheet was rejected");
        var resubmitted = await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        var approved = await api.MoveAsync(team, team.Owner, team.Member, week, "approve");
        var reopened = await api.MoveAsync(team, team.Admin, team.Member, week, "reopen");

        Assert.Equal(("open", Iso(week), Iso(week.AddDays(6)), 5400), (open.GetProperty("status").GetString(), open.GetProperty("startsOn").GetString(),
            open.GetProperty("endsOn").GetString(), open.GetProperty("trackedSeconds").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await submitted.JsonAsync()).GetProperty("status").GetString());
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((team.Member.Id, 1), (item.GetProperty("userId").GetInt64(), item.GetProperty("entryCount").GetInt32()));
        var rejection = await rejected.JsonAsync();
        Assert.Equal(("rejected", "Wednesday needs its project.\nThanks!", team.Admin.Id),
            (rejection.GetProperty("status").GetString(), rejection.GetProperty("comment").GetString(), rejection.GetProperty("decidedById").GetInt64()));
        Assert.Contains("> Wednesday needs its project.\n> Thanks!", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/orgs/{team.OrgId}/timesheet?week={Iso(week)}", email.TextBody, StringComparison.Ordinal);
        Assert.Equal("submitted", (await resubmitted.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("approved", (await approved.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("open", (await reopened.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(
            ["timesheet.submitted", "timesheet.rejected", "timesheet.submitted", "timesheet.approved", "timesheet.reopened"],
            await api.SqlAsync($"SELECT action FROM audit_log WHERE organization_id = {team.OrgId} AND entity_type = 'timesheet_period' ORDER BY id"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Moves_the_state_machine_does_not_allow_are_409s_that_say_why_and_change_nothing(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();

        var approveOpen = await api.MoveAsync(team, team.Admin, team.Member, week, "approve");
        var withdrawOpen = await api.MoveAsync(team, team.Member, team.Member, week, "withdraw");
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        var submitTwice = await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        var reopenSubmitted = await api.MoveAsync(team, team.Admin, team.Member, week, "reopen");
        var rejectWithoutComment = await api.MoveAsync(team, team.Admin, team.Member, week, "reject", new { comment = " " });
        await api.MoveAsync(team, team.Admin, team.Member, week, "approve");
        var withdrawApproved = await api.MoveAsync(team, team.Member, team.Member, week, "withdraw");
        var rejectApproved = await api.MoveAsync(team, team.Admin, team.Member, week, "reject", new { comment = "late" });
        var future = await api.MoveAsync(team, team.Member, team.Member, week.AddDays(21), "submit");
        var notADay = await api.PostAsync(team.Path($"timesheets/{team.Member.Id}/last-week/submit"), null, team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, approveOpen.StatusCode);
        Assert.Contains("It has not been submitted", await approveOpen.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, withdrawOpen.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, submitTwice.StatusCode);
        Assert.Contains("already submitted and awaits a decision; withdraw it", await submitTwice.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, reopenSubmitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutComment.StatusCode);
        Assert.Contains("'comment' is required", await rejectWithoutComment.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, withdrawApproved.StatusCode);
        Assert.Contains("approved; an admin or owner must reopen it first", await withdrawApproved.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rejectApproved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, future.StatusCode);
        Assert.Contains("has not started yet", await future.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notADay.StatusCode);
        Assert.Equal(["approved"], await api.SqlAsync($"SELECT status FROM timesheet_periods WHERE organization_id = {team.OrgId}"));
        Assert.Equal(2, await api.AuditRowsAsync(team, "timesheet_period"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Only_admins_and_owners_decide_and_only_the_member_submits_or_withdraws_their_own(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");

        var selfApproved = await api.MoveAsync(team, team.Member, team.Member, week, "approve");
        var submittedForOther = await api.MoveAsync(team, team.Admin, team.Member, week.AddDays(-7), "submit");
        var withdrawnByAdmin = await api.MoveAsync(team, team.Admin, team.Member, week, "withdraw");
        var othersRead = await api.GetAsync(team.Path($"timesheets/{team.Admin.Id}/{Iso(week)}"), team.Member.Token);
        var othersListed = await api.GetAsync(team.Path($"timesheets?userId={team.Admin.Id}"), team.Member.Token);
        var stranger = await api.SignedInAsync();
        var strangers = await api.GetAsync(team.Path("timesheets"), stranger.Token);

        Assert.Equal(HttpStatusCode.Forbidden, selfApproved.StatusCode);
        Assert.Contains("Only admins and owners may approve timesheets", await selfApproved.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, submittedForOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdrawnByAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersListed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Equal(["submitted"], await api.SqlAsync($"SELECT status FROM timesheet_periods WHERE organization_id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_submitted_period_locks_its_entries_for_its_member_until_withdrawn_while_admins_may_still_correct_them(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        var entry = await api.EntryAsync(team, team.Member, Morning(week.AddDays(1)), 60);
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");

        var changed = await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "more" }, team.Member.Token);
        var added = await api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(Morning(week.AddDays(4))), endedAt = Iso(Morning(week.AddDays(4)).AddHours(1)) },
            team.Member.Token);
        var shown = await (await api.GetAsync(team.Path($"time-entries/{entry}"), team.Member.Token)).JsonAsync();
        var byAdmin = await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "fixed by admin" }, team.Admin.Token);
        var seenByAdmin = await (await api.GetAsync(team.Path($"time-entries/{entry}"), team.Admin.Token)).JsonAsync();
        await api.MoveAsync(team, team.Member, team.Member, week, "withdraw");
        var afterWithdrawal = await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "mine again" }, team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("which is submitted and awaits a decision. Withdraw it", await changed.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, added.StatusCode);
        Assert.Equal("Locked: this timesheet is submitted for approval. Withdraw it to change its time.", shown.GetProperty("lockReason").GetString());
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seenByAdmin.GetProperty("lockReason").ValueKind);
        Assert.Equal(HttpStatusCode.OK, afterWithdrawal.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_approved_period_locks_its_entries_for_everyone_until_an_admin_reopens_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var week = api.LastWeek();
        var inside = await api.EntryAsync(team, team.Member, Morning(week.AddDays(2)), 60);
        var before = await api.EntryAsync(team, team.Member, Morning(week.AddDays(-3)), 60);
        await api.MoveAsync(team, team.Member, team.Member, week, "submit");
        await api.MoveAsync(team, team.Admin, team.Member, week, "approve");

        var memberChange = await api.PatchAsync(team.Path($"time-entries/{inside}"), new { description = "x" }, team.Member.Token);
        var ownerDelete = await api.DeleteAsync(team.Path($"time-entries/{inside}"), team.Owner.Token);
        var adminCreate = await api.PostAsync(team.Path("time-entries"),
            new { userId = team.Member.Id, startedAt = Iso(Morning(week.AddDays(5))), endedAt = Iso(Morning(week.AddDays(5)).AddHours(1)) }, team.Admin.Token);
        var movedIn = await api.PatchAsync(team.Path($"time-entries/{before}"), new { startedAt = Iso(Morning(week)), endedAt = Iso(Morning(week).AddHours(1)) },
            team.Member.Token);
        var list = await (await api.GetAsync(team.Path($"time-entries?userId={team.Member.Id}"), team.Admin.Token)).JsonAsync();
        await api.MoveAsync(team, team.Admin, team.Member, week, "reopen");
        var afterReopen = await api.DeleteAsync(team.Path($"time-entries/{inside}"), team.Member.Token);

        foreach (var refused in new[] { memberChange, ownerDelete, adminCreate, movedIn })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("An admin or owner must reopen the period first", await refused.ProblemAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(
            [("Locked: this timesheet is approved. An admin must reopen it before its time can change.", inside), (null, before)],
            list.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("lockReason").GetString(), e.GetProperty("id").GetInt64())));
        Assert.Equal(HttpStatusCode.NoContent, afterReopen.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_timer_running_in_a_period_keeps_it_from_being_submitted(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var timer = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);

        var refused = await api.MoveAsync(team, team.Member, team.Member, today, "submit");
        await api.PostAsync(team.Path("timer/stop"), null, team.Member.Token);
        var accepted = await api.MoveAsync(team, team.Member, team.Member, today, "submit");
        var restart = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"Your timer (entry {timer})", await refused.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);
        Assert.Contains("submitted and awaits a decision", await restart.ProblemAsync(), StringComparison.Ordinal);
    }
}

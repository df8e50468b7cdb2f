using System.Net;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>
/// The forgotten-timer worker: a timer is stopped at its start plus the organization's cap and marked auto-stopped,
/// its member is emailed once at the reminder time, and two workers on one database do each exactly once. Passes run
/// when the test says, on the clock it moves; on both dialects.
/// </summary>
public sealed class ForgottenTimerTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    // Access tokens last minutes: after the clock moves hours on, a person signs in again.
    private static Task<TestUser> AgainAsync(TestApi api, TestUser user) => api.SignedInAsync(user.Email, existing: true);

    // Registering sent each person a confirmation first.
    private static async Task<List<MimeKit.MimeMessage>> RemindersToAsync(TestApi api, string address) =>
        [.. (await api.Mail.MessagesToAsync(address)).Where(m => (m.Subject ?? "").StartsWith("Your timer has been running", StringComparison.Ordinal))];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_timer_reaching_the_cap_ends_at_its_start_plus_the_cap_not_when_the_pass_runs_and_is_marked_auto_stopped(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var forgotten = await (await api.PostAsync(team.Path("timer/start"), new { description = "Forgotten" }, team.Member.Token)).JsonAsync();
        var memberStart = forgotten.GetProperty("startedAt").GetDateTimeOffset();
        api.Time.Advance(TimeSpan.FromHours(10));
        var admin = await AgainAsync(api, team.Admin);
        var adminStart = (await (await api.PostAsync(team.Path("timer/start"), new { }, admin.Token)).JsonAsync())
            .GetProperty("startedAt").GetDateTimeOffset();

        api.Time.Advance(TimeSpan.FromHours(20)); // the member's timer has run 30 hours, the admin's 20
        var first = await api.PassAsync();
        var (member, owner) = (await AgainAsync(api, team.Member), await AgainAsync(api, team.Admin));

        Assert.Equal(1, first.Stopped);
        var stopped = await (await api.GetAsync(team.Path($"time-entries/{forgotten.GetProperty("id").GetInt64()}"), member.Token)).JsonAsync();
        Assert.Equal(memberStart.AddHours(24), stopped.GetProperty("endedAt").GetDateTimeOffset());
        Assert.Equal(24 * 3600, stopped.GetProperty("durationSeconds").GetInt64());
        Assert.True(stopped.GetProperty("autoStopped").GetBoolean());
        Assert.False(stopped.GetProperty("isRunning").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await api.GetAsync(team.Path("timer"), member.Token)).StatusCode);
        // The member's own list flags it; the admin's timer, under the cap, runs on unflagged.
        var listed = (await (await api.GetAsync(team.Path("time-entries"), member.Token)).JsonAsync()).GetProperty("items");
        Assert.True(Assert.Single(listed.EnumerateArray()).GetProperty("autoStopped").GetBoolean());
        var running = await (await api.GetAsync(team.Path("timer"), owner.Token)).JsonAsync();
        Assert.False(running.GetProperty("autoStopped").GetBoolean());

        // Not a second early, and to the second when due.
        api.Time.SetUtcNow(adminStart.AddHours(24) - Second);
        Assert.Equal(0, (await api.PassAsync()).Stopped);
        api.Time.Advance(Second);
        Assert.Equal(1, (await api.PassAsync()).Stopped);
        Assert.Equal((adminStart.AddHours(24), true), await api.EndAsync(running.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_running_timer_follows_the_policy_its_organization_has_when_the_pass_runs(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var start = api.Time.GetUtcNow();
        var timer = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();
        var elsewhere = await api.PostAsync(other.Path("timer/start"), new { }, other.Member.Token).IdAsync();

        // Changed while the timer runs: the pass applies the policy of the moment.
        (await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 4, stopAfterHours = 8 }, team.Admin.Token)).EnsureSuccessStatusCode();
        api.Time.Advance(TimeSpan.FromHours(11));
        var pass = await api.PassAsync();

        // This organization's timer is past its new cap of 8 hours; the other's, at 11 hours of its 24, is due its reminder (at 10).
        Assert.Equal((1, 1), (pass.Stopped, pass.Reminded));
        Assert.Equal(start.AddHours(8), (await api.EndAsync(timer)).EndedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Null((await api.EndAsync(elsewhere)).EndedAt);
        Assert.Empty(await RemindersToAsync(api, team.Member.Email));
        Assert.Single(await RemindersToAsync(api, other.Member.Email));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_member_is_emailed_once_at_the_reminder_time_with_what_runs_since_when_a_link_to_My_time_and_the_cap(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Website");
        (await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 2, stopAfterHours = 6 }, team.Admin.Token)).EnsureSuccessStatusCode();
        (await api.PatchAsync("/api/v1/me", new { timeZone = "Europe/Paris" }, team.Member.Token)).EnsureSuccessStatusCode();
        api.Time.SetUtcNow(new DateTimeOffset(2030, 1, 15, 8, 0, 0, TimeSpan.Zero));
        var member = await AgainAsync(api, team.Member);
        await api.PostAsync(team.Path("timer/start"), new { projectId, description = "Design review" }, member.Token).IdAsync();

        api.Time.Advance(TimeSpan.FromHours(2) - Second);
        var early = await api.PassAsync();
        api.Time.Advance(Second);
        var due = await api.PassAsync();
        api.Time.Advance(TimeSpan.FromHours(1));
        var later = await api.PassAsync();

        Assert.Equal((0, 1, 0), (early.Reminded, due.Reminded, later.Reminded));
        var message = Assert.Single(await RemindersToAsync(api, team.Member.Email));
        Assert.Equal("Your timer has been running for 2 hours", message.Subject);
        var body = (message.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("your timer in the organization named \u201CAcme\u201D on TimeTracker has been running since " +
            "Tuesday 15 January 2030 at 09:00 (Europe/Paris time), 2 hours so far. " +
            "It is tracking \u201CDesign review\u201D on the project \u201CWebsite\u201D.", body, StringComparison.Ordinal);
        Assert.Contains($"\n\nhttps://app.example.test/orgs/{team.OrgId}/time\n\n", body, StringComparison.Ordinal);
        Assert.Contains("your organization stops timers after 6 hours: this one will end at Tuesday 15 January 2030 at 15:00 (Europe/Paris time)",
            body, StringComparison.Ordinal);

        // At the cap it is stopped, with no second email.
        api.Time.Advance(TimeSpan.FromHours(3));
        var atCap = await api.PassAsync();
        Assert.Equal((1, 0), (atCap.Stopped, atCap.Reminded));
        Assert.Single(await RemindersToAsync(api, team.Member.Email));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_auto_stopped_entry_keeps_its_mark_when_its_end_is_corrected_and_continuing_it_starts_an_unmarked_timer(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var now = api.Time.GetUtcNow();
        api.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - now.UtcTicks % TimeSpan.TicksPerSecond)); // a whole second
        var start = api.Time.GetUtcNow();
        var id = await api.PostAsync(team.Path("timer/start"), new { description = "Left running" }, team.Member.Token).IdAsync();
        api.Time.Advance(TimeSpan.FromHours(25));
        await api.PassAsync();

        var member = await AgainAsync(api, team.Member);
        var corrected = await api.PatchAsync(team.Path($"time-entries/{id}"), new { endedAt = Iso(start.AddHours(3)) }, member.Token);
        var continued = await (await api.PostAsync(team.Path($"time-entries/{id}/continue"), null, member.Token)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var entry = await corrected.JsonAsync();
        Assert.Equal(3 * 3600, entry.GetProperty("durationSeconds").GetInt64());
        Assert.True(entry.GetProperty("autoStopped").GetBoolean());
        Assert.False(continued.GetProperty("autoStopped").GetBoolean());
        Assert.Equal("Left running", continued.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Two_hosts_running_passes_at_once_stop_each_timer_and_send_each_reminder_exactly_once(string dialect)
    {
        var batches = new Dictionary<string, string> { ["Timers:BatchSize"] = "5" };
        await using var first = await TestApi.StartAsync(dialect, smtp.Server, batches);
        await using var second = await TestApi.StartAsync(dialect, smtp.Server, batches, existingDatabaseUrl: first.DatabaseUrl);
        first.Time.SetUtcNow(second.Time.GetUtcNow()); // one clock for both replicas (the second started later)
        var now = first.Time.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)); // starts as both databases store them
        var (_, forgotten) = await first.RunningTimersAsync(12, now.AddHours(-30));
        var (_, reminded) = await first.RunningTimersAsync(12, now.AddHours(-11));

        var passes = new List<TimeTracker.Tracking.Timers.TimerPass>();
        for (var round = 0; round < 3; round++)
            passes.AddRange(await Task.WhenAll(first.PassAsync(), second.PassAsync()));

        Assert.Equal((12, 12, 0), (passes.Sum(p => p.Stopped), passes.Sum(p => p.Reminded), passes.Sum(p => p.ReminderFailures)));
        foreach (var (email, entryId) in forgotten)
        {
            Assert.Equal((now.AddHours(-6), true), await first.EndAsync(entryId));
            Assert.Empty(await RemindersToAsync(first, email));
        }
        foreach (var (email, entryId) in reminded)
        {
            Assert.Single(await RemindersToAsync(first, email));
            Assert.Equal((null, false), await first.EndAsync(entryId));
        }
        Assert.Equal(["12"], await first.SqlAsync("SELECT COUNT(*) FROM time_entries WHERE reminder_sent_at IS NOT NULL"));
    }

    [Fact]
    public async Task On_postgres_a_pass_skips_the_timers_another_worker_holds_and_that_worker_finishes_them()
    {
        await using var first = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        await using var second = await TestApi.StartAsync(TestApi.Postgres, smtp.Server, existingDatabaseUrl: first.DatabaseUrl);
        first.Time.SetUtcNow(second.Time.GetUtcNow());
        var (_, timers) = await first.RunningTimersAsync(4, first.Time.GetUtcNow().AddHours(-25));
        var held = timers.Take(2).Select(t => t.EntryId).ToList();

        TimeTracker.Tracking.Timers.TimerPass whileHeld;
        // The first worker is inside its transaction with two timers claimed: the second neither waits for them nor stops them.
        await using (await HeldLock.TakeAsync(first, $"SELECT id FROM time_entries WHERE id IN ({string.Join(", ", held)}) FOR UPDATE"))
        {
            whileHeld = await second.PassAsync();
            foreach (var id in held)
                Assert.Null((await second.EndAsync(id)).EndedAt);
        }
        var after = await first.PassAsync();

        Assert.Equal((2, 2), (whileHeld.Stopped, after.Stopped));
        foreach (var (_, id) in timers)
            Assert.True((await first.EndAsync(id)).AutoStopped);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_reminder_whose_email_cannot_be_sent_is_released_and_a_later_pass_sends_it_once(string dialect)
    {
        await using var working = await TestApi.StartAsync(dialect, smtp.Server);
        // A replica whose mail server refuses connections (nothing listens on port 9 of this machine).
        await using var broken = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Email:Smtp:Port"] = "9" },
            existingDatabaseUrl: working.DatabaseUrl);
        working.Time.SetUtcNow(broken.Time.GetUtcNow());
        var (_, timers) = await working.RunningTimersAsync(1, working.Time.GetUtcNow().AddHours(-10));
        var (email, entryId) = Assert.Single(timers);

        var failed = await broken.PassAsync();
        var claimAfterFailure = await working.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE id = {entryId} AND reminder_sent_at IS NULL");
        var sent = await working.PassAsync();
        var again = await working.PassAsync();

        Assert.Equal((0, 1), (failed.Reminded, failed.ReminderFailures));
        Assert.Contains(broken.Log.Entries, e => e.Message.Contains($"The reminder email about timer {entryId} could not be sent", StringComparison.Ordinal));
        Assert.Equal(["1"], claimAfterFailure);
        Assert.Equal((1, 0), (sent.Reminded, again.Reminded));
        Assert.Single(await RemindersToAsync(working, email));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task While_the_mail_server_is_down_timers_are_still_stopped_first_and_a_failed_send_ends_the_pass(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server,
            new Dictionary<string, string> { ["Email:Smtp:Port"] = "9", ["Timers:BatchSize"] = "1" });
        var now = api.Time.GetUtcNow();
        await api.RunningTimersAsync(2, now.AddHours(-11)); // due their reminder, and older than the timer due its stop
        var (strict, forgotten) = await api.RunningTimersAsync(1, now.AddHours(-3));
        await api.SqlAsync("INSERT INTO timer_policies (organization_id, reminder_after_hours, stop_after_hours, updated_at) " +
            $"VALUES ({strict}, 1, 2, '2026-11-24 00:00:00.0000000+00:00')");

        var pass = await api.PassAsync();

        // The stop came first; the first reminder failed, was released, and was not tried again in a loop within the pass.
        Assert.Equal((1, 0, 1), (pass.Stopped, pass.Reminded, pass.ReminderFailures));
        Assert.True((await api.EndAsync(forgotten[0].EntryId)).AutoStopped);
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM time_entries WHERE reminder_sent_at IS NOT NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_worker_in_serve_stops_a_forgotten_timer_by_itself_every_interval(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server,
            new Dictionary<string, string> { ["Timers:WorkerEnabled"] = "true", ["Timers:WorkerInterval"] = "00:01:00" });
        var team = await Team.CreateAsync(api);
        var id = await api.PostAsync(team.Path("timer/start"), new { }, team.Member.Token).IdAsync();

        api.Time.Advance(TimeSpan.FromHours(25));
        // The worker waits an interval on the test's clock: the clock moves on while the test looks for the stop.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await api.EndAsync(id)).EndedAt is null && DateTime.UtcNow < deadline)
        {
            api.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }

        Assert.True((await api.EndAsync(id)).AutoStopped);
    }
}

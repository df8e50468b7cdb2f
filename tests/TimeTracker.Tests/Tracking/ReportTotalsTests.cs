using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Database;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Cli;
using TimeTracker.Tracking.Reports;
using Waymark.Execution;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>
/// Revision 031's daily totals and 032's member months against the entries they sum, on both dialects. Random changes are made through the
/// API (entries created, moved across midnights and months, re-tagged and deleted; timers; re-pricing; invoices that
/// lock time; a tag deleted, a member removed, a user and an organization deleted). After every batch, each totals
/// table must equal a <c>GROUP BY</c> over the entries, and every summary read from the totals must equal the one
/// summed from the entries, and a sum made here entry by entry in the caller's time zone.
/// </summary>
public sealed class ReportTotalsTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] TagNames = ["design", "meeting", "review"];
    private static readonly string[] Groupings = ["project", "client", "user", "tag", "day"];
    // A whole month, and a range of part of a month, a whole month and part of the next: by member, the whole months are
    // read from the monthly totals and the rest from the daily ones.
    private static readonly (string From, string To)[] Ranges = [("2026-10-15", "2026-12-06"), ("2026-11-01", "2026-11-30")];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_daily_totals_equal_the_entries_after_every_batch_of_random_changes(string dialect)
    {
        // Timers run for hours of the fake clock: the sign-ins must outlast them.
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Jwt:AccessTokenLifetime"] = "30.00:00:00" });
        var team = await Team.CreateAsync(api);
        var extra = await api.SignedInAsync();
        await Team.JoinAsync(api, team.OrgId, extra, "member");
        // Callers on both sides of UTC, with a half-hour offset and a clock change in the range.
        var zones = new (TestUser User, string Zone)[]
        {
            (team.Owner, "Europe/Berlin"), (team.Admin, "America/New_York"), (team.Member, "Asia/Kolkata"), (extra, "Pacific/Auckland"),
        };
        foreach (var (user, zone) in zones)
            Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { timeZone = zone }, user.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 42.5m }, team.Admin.Token)).StatusCode);
        var globex = await api.ClientAsync(team, "Globex");
        long?[] projects =
        [
            null, await api.ProjectAsync(team, "Website", globex, hourlyRate: 100m), await api.ProjectAsync(team, "Support", hourlyRate: 37.33m),
            await api.ProjectAsync(team, "Intranet"),
        ];
        var people = zones.Select(z => z.User).ToArray();
        var random = new Random(31);
        var entries = new List<long>();
        var changes = 0;

        async Task<bool> Succeeded(Task<HttpResponseMessage> request)
        {
            var response = await request;
            // Locked time (an issued invoice) refuses changes with 409: that is the rule, not the test's concern.
            Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            changes += response.IsSuccessStatusCode ? 1 : 0;
            return response.IsSuccessStatusCode;
        }

        object EntryBody()
        {
            // Anywhere from October to early December, often near a midnight somewhere.
            var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 65 * 24 * 60));
            var tags = TagNames.Where(_ => random.Next(3) == 0).ToArray();
            return new
            {
                startedAt = Iso(start), endedAt = Iso(start.AddMinutes(random.Next(1, 600))), projectId = projects[random.Next(projects.Length)],
                billable = random.Next(3) > 0, tags,
            };
        }

        for (var batch = 0; batch < 5; batch++)
        {
            for (var step = 0; step < 24; step++)
            {
                var person = people[random.Next(people.Length)];
                switch (random.Next(10))
                {
                    case < 4:
                        entries.Add(await api.PostAsync(team.Path("time-entries"), EntryBody(), person.Token).IdAsync());
                        changes++;
                        break;
                    case < 6 when entries.Count > 0:
                        await Succeeded(api.PatchAsync(team.Path($"time-entries/{entries[random.Next(entries.Count)]}"), EntryBody(), team.Owner.Token));
                        break;
                    case 6 when entries.Count > 0:
                        var gone = entries[random.Next(entries.Count)];
                        if (await Succeeded(api.DeleteAsync(team.Path($"time-entries/{gone}"), team.Owner.Token)))
                            entries.Remove(gone);
                        break;
                    case 7:
                        var timer = await api.PostAsync(team.Path("timer/start"),
                            new { projectId = projects[random.Next(projects.Length)], tags = TagNames.Take(random.Next(3)).ToArray() }, person.Token).IdAsync();
                        api.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 300)));
                        var stop = await api.PostAsync(team.Path("timer/stop"), null, person.Token);
                        Assert.True(stop.IsSuccessStatusCode, await stop.Content.ReadAsStringAsync());
                        entries.Add(timer);
                        changes += 2;
                        break;
                    case 8:
                        var from = new DateOnly(2026, 10, 1).AddDays(random.Next(60));
                        Assert.True((await api.PostAsync(team.Path("rates"),
                            new { projectId = projects[2], hourlyRate = 30m + random.Next(100) / 4m, effectiveFrom = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                            team.Admin.Token)).IsSuccessStatusCode);
                        await Succeeded(api.PostAsync(team.Path("rates/reprice"),
                            new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = "2026-12-06" }, team.Admin.Token));
                        break;
                    default:
                        var first = new DateOnly(2026, 10, 1).AddDays(random.Next(60));
                        var invoice = await api.PostAsync(team.Path("invoices"), new
                        {
                            clientId = globex, from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            to = first.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        }, team.Owner.Token);
                        if (invoice.IsSuccessStatusCode)
                        {
                            var id = (await invoice.JsonAsync()).GetProperty("id").GetInt64();
                            await Succeeded(api.PostAsync(team.Path($"invoices/{id}/issue"), new { issuedOn = "2026-12-06" }, team.Owner.Token));
                            if (random.Next(2) == 0)
                                await Succeeded(api.PostAsync(team.Path($"invoices/{id}/void"), null, team.Owner.Token));
                        }
                        break;
                }
            }

            switch (batch)
            {
                case 2:
                    var design = (await api.SqlAsync($"SELECT id FROM tags WHERE organization_id = {team.OrgId} AND name = 'design'")).Single();
                    Assert.True(await Succeeded(api.DeleteAsync(team.Path($"tags/{design}"), team.Admin.Token)));
                    break;
                case 3:
                    Assert.True(await Succeeded(api.DeleteAsync(team.Path($"members/{team.Member.Id}"), team.Owner.Token)));
                    people = [team.Owner, team.Admin, extra];
                    break;
                case 4:
                    await api.SqlAsync($"DELETE FROM users WHERE id = {extra.Id}");
                    people = [team.Owner, team.Admin];
                    break;
            }
            await AssertTotalsEqualEntriesAsync(api, dialect);
            foreach (var (user, zone) in zones.Where(z => people.Contains(z.User)))
                await AssertSummariesAgreeAsync(api, team.OrgId, user, zone, seesEveryone: user == team.Owner || user == team.Admin);
        }
        Assert.True(changes > 100, $"only {changes} changes were made");

        // An organization's deletion takes its totals with it, whichever cascade runs first.
        var other = await Team.CreateAsync(api, "Initech");
        var tagged = await api.PostAsync(other.Path("time-entries"), new
        {
            startedAt = "2026-11-02T09:00:00Z", endedAt = "2026-11-02T10:00:00Z", tags = TagNames,
        }, other.Owner.Token).IdAsync();
        Assert.True(tagged > 0);
        Assert.Equal(["3"], await api.SqlAsync($"SELECT COUNT(*) FROM report_tag_days WHERE organization_id = {other.OrgId} AND entries <> 0"));
        Assert.True((await api.DeleteAsync($"/api/v1/orgs/{other.OrgId}", other.Owner.Token)).IsSuccessStatusCode);
        foreach (var table in new[] { "report_user_days", "report_project_days", "report_tag_days", "report_user_months" })
            Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM {table} WHERE organization_id = {other.OrgId}"));
        await AssertTotalsEqualEntriesAsync(api, dialect);

        // Upgrading a database that already holds entries fills the totals: taken below 031 and up again, they are equal.
        var migrator = new Migrator(TimeTrackerDatabase.LoadGraph(), TimeTrackerDatabase.Providers().Create(api.DatabaseUrl));
        await migrator.DowngradeAsync("030", CancellationToken.None);
        Assert.Equal(ExpectedChain.Head, (await migrator.UpgradeAsync("head", CancellationToken.None)).To.Single());
        await AssertTotalsEqualEntriesAsync(api, dialect);
    }

    [Fact]
    public async Task On_postgres_an_entry_change_chosen_as_a_deadlocks_victim_over_the_totals_runs_again_and_succeeds()
    {
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website", hourlyRate: 100m);
        var intranet = await api.ProjectAsync(team, "Intranet");
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        var moved = await api.EntryAsync(team, team.Member, start, 60, website);
        await api.EntryAsync(team, team.Admin, start.AddHours(2), 30, intranet);
        string Row(long project) => $"UPDATE report_project_days SET entries = entries WHERE project_id = {project} AND day = DATE '2026-11-03'";

        // Another transaction holds Intranet's row of the day. Moving the entry from Website to Intranet takes Website's
        // row away first, then waits for Intranet's; the other transaction then wants Website's: a cycle. Only the API's
        // session looks for deadlocks within the test (the other waits 30 s first), so it is the victim.
        Task<HttpResponseMessage> move;
        await using (var other = await HeldLock.TakeAsync(api, "SET LOCAL deadlock_timeout = '30s'; " + Row(intranet)))
        {
            move = api.PatchAsync(team.Path($"time-entries/{moved}"),
                new { startedAt = Iso(start), endedAt = Iso(start.AddHours(1)), projectId = intranet, billable = true }, team.Member.Token);
            await other.WaitForWaitersAsync(1);
            await other.ExecuteAsync(Row(website));
            // The API's first attempt was rolled back, which let that statement through; its second waits behind it.
            await other.WaitForWaitersAsync(1);
            Assert.False(move.IsCompleted);
        }
        var response = await move;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([intranet.ToString(CultureInfo.InvariantCulture)], await api.SqlAsync($"SELECT project_id FROM time_entries WHERE id = {moved}"));
        await AssertTotalsEqualEntriesAsync(api, TestApi.Postgres);
    }

    /// <summary>Each totals table, without its emptied rows, equals the same sums taken over the entries now.</summary>
    private static async Task AssertTotalsEqualEntriesAsync(TestApi api, string dialect)
    {
        var day = dialect == TestApi.Postgres ? "CAST((e.started_at AT TIME ZONE 'UTC') AS date)" : "date(e.started_at)";
        var month = dialect == TestApi.Postgres
            ? "CAST(date_trunc('month', e.started_at AT TIME ZONE 'UTC') AS date)"
            : "date(e.started_at, 'start of month')";
        const string Sums = "COUNT(*), SUM(e.duration_seconds), SUM(CASE WHEN e.billable THEN 1 ELSE 0 END), " +
                            "SUM(CASE WHEN e.billable THEN e.duration_seconds ELSE 0 END), " +
                            "SUM(CASE WHEN e.billable AND e.hourly_rate IS NULL THEN e.duration_seconds ELSE 0 END), " +
                            "SUM(CASE WHEN e.billable AND e.hourly_rate IS NOT NULL THEN e.duration_seconds * CAST(ROUND(e.hourly_rate * 100) AS BIGINT) ELSE 0 END)";
        var tables = new (string Table, string Period, string PeriodOf, string Key, string Expected)[]
        {
            ("report_user_days", "day", day, "user_id", "e.user_id"),
            ("report_project_days", "day", day, "project_id", "COALESCE(e.project_id, 0)"),
            ("report_tag_days", "day", day, "tag_id", "COALESCE(l.tag_id, 0)"),
            ("report_user_months", "month", month, "user_id", "e.user_id"),
        };
        foreach (var (table, period, periodOf, key, expected) in tables)
        {
            var joins = key == "tag_id" ? " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id" : "";
            var want = await RowsAsync(api,
                $"SELECT e.organization_id, {periodOf}, {expected}, {Sums} FROM time_entries e{joins} WHERE e.duration_seconds IS NOT NULL " +
                $"GROUP BY e.organization_id, {periodOf}, {expected} ORDER BY 1, 2, 3");
            var have = await RowsAsync(api,
                $"SELECT organization_id, {period}, {key}, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM {table} " +
                "WHERE NOT (entries = 0 AND seconds = 0 AND billable_entries = 0 AND billable_seconds = 0 AND unrated_seconds = 0 AND cent_seconds = 0) " +
                "ORDER BY 1, 2, 3");
            Assert.True(want.Count > 0);
            Assert.Equal(want, have);
        }
    }

    /// <summary>
    /// For <paramref name="caller"/>: every grouping, range and billability filter answers the same from the totals as
    /// from the entries, with every group broken down per day or only the largest; each day's breakdown adds up to the day's
    /// time; and by day both equal the sums made here from the entries one by one.
    /// </summary>
    private static async Task AssertSummariesAgreeAsync(TestApi api, long orgId, TestUser caller, string zone, bool seesEveryone)
    {
        using var scope = api.Services.CreateScope();
        var report = scope.ServiceProvider.GetRequiredService<SummaryReport>();
        var entries = await EntriesAsync(api, orgId);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        foreach (var (from, to) in Ranges)
        {
            foreach (var billable in new[] { null, "true", "false" })
            {
                var filter = new ReportFilterText(null, null, null, null, billable);
                var byDay = await report.RunAsync(caller.Id, orgId, from, to, "day", filter, null, fromTotals: true, CancellationToken.None);
                foreach (var grouping in Groupings)
                {
                    // Every group broken down per day, then only the largest, with the rest of each day as other.
                    foreach (var dayGroups in new[] { null, "1" })
                    {
                        var summary = await report.RunAsync(caller.Id, orgId, from, to, grouping, filter, dayGroups, fromTotals: true, CancellationToken.None);
                        var fromEntries = await report.RunAsync(caller.Id, orgId, from, to, grouping, filter, dayGroups, fromTotals: false,
                            CancellationToken.None);
                        Assert.Equal(JsonSerializer.Serialize(fromEntries), JsonSerializer.Serialize(summary));
                        if (grouping is not ("day" or "tag"))
                        {
                            // However the days break down, each adds up to the day's time.
                            Assert.Equal(byDay.Days.Select(d => $"{d.Date}|{d.Groups.Single().Seconds}"),
                                summary.Days.Select(d => $"{d.Date}|{d.Groups.Sum(g => g.Seconds) + d.OtherSeconds}"));
                            Assert.All(summary.Days, d => Assert.True(d.Groups.Count <= (dayGroups is null ? SummaryReport.DefaultDayGroups : 1)));
                        }
                    }
                    if (grouping != "day")
                        continue;

                    // The caller's own sum, entry by entry: an entry counts on the local day it started.
                    var counted = entries
                        .Where(e => billable is null || e.Billable == (billable == "true"))
                        .Where(e => seesEveryone || e.UserId == caller.Id)
                        .Select(e => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.StartedAt, timeZone).DateTime), Entry: e))
                        .Where(e => e.Day >= DateOnly.Parse(from, CultureInfo.InvariantCulture) && e.Day <= DateOnly.Parse(to, CultureInfo.InvariantCulture))
                        .GroupBy(e => e.Day).OrderBy(d => d.Key)
                        .Select(d => $"{d.Key:yyyy-MM-dd}|{d.Sum(e => e.Entry.Seconds)}|{d.Where(e => e.Entry.Billable).Sum(e => e.Entry.Seconds)}|" +
                                     $"{Math.Round(d.Where(e => e.Entry.Billable && e.Entry.Rate is not null).Sum(e => e.Entry.Seconds * e.Entry.Rate!.Value / 3600m), 2, MidpointRounding.AwayFromZero):0.00}");
                    Assert.Equal(counted, byDay.Groups.Select(g => $"{g.Key}|{g.TotalSeconds}|{g.BillableSeconds}|{g.BillableAmount:0.00}"));
                }
            }
        }
    }

    private sealed record Entry(long UserId, DateTimeOffset StartedAt, long Seconds, bool Billable, decimal? Rate);

    private static async Task<List<Entry>> EntriesAsync(TestApi api, long orgId)
    {
        var session = await api.Services.GetDatabase().OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            return await session.QueryAsync(
                "SELECT user_id, started_at, duration_seconds, billable, hourly_rate FROM time_entries WHERE organization_id = @org AND duration_seconds IS NOT NULL",
                r => new Entry(r.Int64("user_id"), r.Instant("started_at"), r.Int64("duration_seconds"), r.Boolean("billable"), r.DecimalOrNull("hourly_rate")),
                CancellationToken.None, ("org", orgId));
        }
    }

    private static async Task<List<string>> RowsAsync(TestApi api, string sql) =>
        [.. (await api.SqlRowsAsync(sql)).Select(row => string.Join('|', row))];
}

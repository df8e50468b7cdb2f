using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>The summary report over HTTP, on both dialects.</summary>
public sealed class ReportTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] Design = ["design"];
    private static readonly string[] DesignAndMeeting = ["design", "meeting"];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_month_in_the_callers_time_zone_sums_time_and_amounts_by_project_client_user_tag_and_day(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, website, _) = await NovemberAsync(api);

        var byProject = await SummaryAsync(api, team, team.Owner, "project");
        Assert.Equal("Europe/Paris", byProject.GetProperty("timeZone").GetString());
        Assert.Equal(["Intranet|7200|7200|25.00", "Website|6300|6300|175.00", "(no project)|1200|0|0.00"], Lines(byProject));
        Assert.Equal(website.ToString(System.Globalization.CultureInfo.InvariantCulture), byProject.GetProperty("groups")[1].GetProperty("key").GetString());
        var totals = byProject.GetProperty("totals");
        Assert.Equal(14700, totals.GetProperty("totalSeconds").GetInt64());
        Assert.Equal(4.08m, totals.GetProperty("totalHours").GetDecimal());
        Assert.Equal(13500, totals.GetProperty("billableSeconds").GetInt64());
        Assert.Equal(200.00m, totals.GetProperty("billableAmount").GetDecimal());
        Assert.Equal(5400, totals.GetProperty("unratedBillableSeconds").GetInt64());

        Assert.Equal(["Globex|6300|6300|175.00", "(no client)|8400|7200|25.00"], Lines(await SummaryAsync(api, team, team.Owner, "client")));
        Assert.Equal(["design|9000|9000|100.00", "meeting|5400|5400|0.00", "(no tag)|5700|4500|100.00"], Lines(await SummaryAsync(api, team, team.Owner, "tag")));
        Assert.Equal(14700, (await SummaryAsync(api, team, team.Owner, "tag")).GetProperty("totals").GetProperty("totalSeconds").GetInt64());
        Assert.Equal(["2026-11-01|3600|3600|100.00", "2026-11-02|7200|7200|25.00", "2026-11-15|1200|0|0.00", "2026-11-30|2700|2700|75.00"],
            Lines(await SummaryAsync(api, team, team.Owner, "day")));
        var byUser = await SummaryAsync(api, team, team.Owner, "user");
        Assert.Equal(
            new[] { $"{team.Admin.Id}|4500|4500|100.00", $"{team.Member.Id}|9000|9000|100.00", $"{team.Owner.Id}|1200|0|0.00" }.Order(),
            byUser.GetProperty("groups").EnumerateArray().Select(g => $"{g.GetProperty("key").GetString()}|{g.GetProperty("totalSeconds")}|{g.GetProperty("billableSeconds")}|{g.GetProperty("billableAmount").GetDecimal():0.00}").Order());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_member_sees_a_summary_of_their_own_time_only(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, _, _) = await NovemberAsync(api);

        // The member's zone is UTC: entry 1 (31 October, 23:30 UTC) falls outside November for them.
        Assert.Equal(["Intranet|5400|5400|0.00"], Lines(await SummaryAsync(api, team, team.Member, "project")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Amounts_are_exact_decimals_rounded_once_per_group_and_once_for_the_total(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var thirds = await api.ProjectAsync(team, "Thirds", hourlyRate: 100m);
        var odd = await api.ProjectAsync(team, "Odd", hourlyRate: 99.99m);
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
            await api.EntryAsync(team, team.Admin, start.AddHours(i), 20, thirds);
        await api.EntryAsync(team, team.Admin, start.AddHours(5), 7, odd);

        var summary = await (await api.GetAsync(team.Path("reports/summary?from=2026-11-01&to=2026-11-30"), team.Admin.Token)).JsonAsync();

        // 3 × 20 minutes at 100.00 is 100.00, not 3 × 33.33; 7 minutes at 99.99 is 11.6655, rounded half away from zero.
        Assert.Equal(["Odd|420|420|11.67", "Thirds|3600|3600|100.00"], Lines(summary));
        Assert.Equal(111.67m, summary.GetProperty("totals").GetProperty("billableAmount").GetDecimal());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Asking_for_csv_answers_the_same_summary_as_rfc_4180_text_with_formulas_defused(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var formula = await api.ProjectAsync(team, "=HYPERLINK(\"http://evil.test\")", hourlyRate: 10m);
        var comma = await api.ProjectAsync(team, "Design, build", hourlyRate: 20m);
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        await api.EntryAsync(team, team.Admin, start, 30, formula);
        await api.EntryAsync(team, team.Admin, start.AddHours(1), 90, comma);

        var request = new HttpRequestMessage(HttpMethod.Get, team.Path("reports/summary?from=2026-11-01&to=2026-11-30&groupBy=project"));
        request.Headers.Authorization = new("Bearer", team.Admin.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("summary-2026-11-01-2026-11-30-project.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            "project,name,total_seconds,total_hours,billable_seconds,billable_hours,billable_amount\r\n" +
            $"{formula},\"'=HYPERLINK(\"\"http://evil.test\"\")\",1800,0.50,1800,0.50,5.00\r\n" +
            $"{comma},\"Design, build\",5400,1.50,5400,1.50,30.00\r\n" +
            ",Total,7200,2.00,7200,2.00,35.00\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_report_without_a_proper_range_or_grouping_is_a_400_saying_what_to_send(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        var cases = new (string Query, string Expected)[]
        {
            ("to=2026-11-30", "'from' is required: a date such as 2026-11-01"),
            ("from=2026-11-01&to=2026-11-30T00:00:00Z", "'to' must be a date such as 2026-11-01"),
            ("from=2026-11-30&to=2026-11-01", "'to' (2026-11-01) must be after 'from' (2026-11-30)"),
            ("from=2025-01-01&to=2026-11-30", "longer than 366 days"),
            ("from=2026-11-01&to=2026-11-30&groupBy=week", "'groupBy' must be one of project, client, user, tag, day; 'week' is not"),
            ("from=9999-12-01&to=9999-12-31", "'from' must be a date from 1900 to 9998"),
            ("from=2026-11-01&to=2026-11-30&dayGroups=101", "'dayGroups' must be a whole number from 0 to 100 (default 10); '101' is not"),
            ("from=2026-11-01&to=2026-11-30&dayGroups=-1", "'dayGroups' must be a whole number from 0 to 100 (default 10); '-1' is not"),
            ("from=2026-11-01&to=2026-11-30&dayGroups=all", "'dayGroups' must be a whole number from 0 to 100 (default 10); 'all' is not"),
        };
        foreach (var (query, expected) in cases)
        {
            var response = await api.GetAsync(team.Path($"reports/summary?{query}"), team.Owner.Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await response.ProblemAsync(), StringComparison.Ordinal);
        }
        var stranger = await api.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path("reports/summary?from=2026-11-01&to=2026-11-30"), stranger.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Filters_narrow_the_summary_to_any_of_the_clients_projects_members_and_tags_named_and_to_billable_time_or_not(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, website, intranet) = await NovemberAsync(api);
        var globex = (await SummaryAsync(api, team, team.Owner, "client")).GetProperty("groups")[0].GetProperty("key").GetString();
        async Task<string> Totals(string filters)
        {
            var totals = (await SummaryAsync(api, team, team.Owner, "project", filters)).GetProperty("totals");
            return $"{totals.GetProperty("totalSeconds")}|{totals.GetProperty("billableSeconds")}|{totals.GetProperty("billableAmount").GetDecimal():0.00}";
        }

        Assert.Equal("6300|6300|175.00", await Totals($"clientId={globex}"));
        Assert.Equal("7200|7200|25.00", await Totals($"projectId={intranet}"));
        Assert.Equal("13500|13500|200.00", await Totals($"projectId={intranet}&projectId={website}"));
        Assert.Equal("4500|4500|100.00", await Totals($"userId={team.Admin.Id}"));
        Assert.Equal("5700|4500|100.00", await Totals($"userId={team.Admin.Id}&userId={team.Owner.Id}"));
        Assert.Equal("5400|5400|0.00", await Totals("tag=meeting"));
        Assert.Equal("9000|9000|100.00", await Totals("tag=design&tag=meeting"));
        Assert.Equal("1200|0|0.00", await Totals("billable=false"));
        Assert.Equal("13500|13500|200.00", await Totals("billable=true"));
        Assert.Equal("14700|13500|200.00", await Totals("billable=any"));
        // Filters all apply: Globex's time of the member only.
        Assert.Equal("3600|3600|100.00", await Totals($"clientId={globex}&userId={team.Member.Id}"));
        Assert.Equal("0|0|0.00", await Totals($"clientId={globex}&tag=meeting"));
        // Grouped by tag, a tag filter keeps the other tags of the entries it lets through.
        Assert.Equal(["design|5400|5400|0.00", "meeting|5400|5400|0.00"], Lines(await SummaryAsync(api, team, team.Owner, "tag", "tag=meeting")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_summary_gives_each_local_day_with_time_and_the_seconds_of_each_group_that_day(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, website, intranet) = await NovemberAsync(api);

        Assert.Equal([$"2026-11-01 {website}:3600", $"2026-11-02 {intranet}:7200", "2026-11-15 -:1200", $"2026-11-30 {website}:2700"],
            Days(await SummaryAsync(api, team, team.Owner, "project")));
        var byTag = await SummaryAsync(api, team, team.Owner, "tag");
        var tags = byTag.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString() ?? "-", g => g.GetProperty("name").GetString());
        // In the groups' order (by name, the group without a key last); an entry with two tags counts in both.
        Assert.Equal(["2026-11-01 design:3600", "2026-11-02 design:5400 meeting:5400 (no tag):1800", "2026-11-15 (no tag):1200", "2026-11-30 (no tag):2700"],
            Days(byTag).Select(d => string.Join(' ', d.Split(' ').Select((part, i) => i == 0 ? part : $"{tags[part.Split(':')[0]]}:{part.Split(':')[1]}"))));
        Assert.Equal(["2026-11-02 2026-11-02:7200"], Days(await SummaryAsync(api, team, team.Owner, "day", $"projectId={intranet}")));
        // The member's own time only, as the groups.
        Assert.Equal([$"2026-11-02 {intranet}:5400"], Days(await SummaryAsync(api, team, team.Member, "project")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_days_break_down_only_the_groups_with_the_most_time_and_give_the_rest_of_each_day_as_other(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, website, intranet) = await NovemberAsync(api);

        // Intranet has 7,200 seconds, Website 6,300 and entries without a project 1,200.
        Assert.Equal(["2026-11-01 other:3600", $"2026-11-02 {intranet}:7200", "2026-11-15 other:1200", "2026-11-30 other:2700"],
            DaysWithOther(await SummaryAsync(api, team, team.Owner, "project", "dayGroups=1")));
        Assert.Equal([$"2026-11-01 {website}:3600", $"2026-11-02 {intranet}:7200", "2026-11-15 other:1200", $"2026-11-30 {website}:2700"],
            DaysWithOther(await SummaryAsync(api, team, team.Owner, "project", "dayGroups=2")));
        Assert.Equal(["2026-11-01 other:3600", "2026-11-02 other:7200", "2026-11-15 other:1200", "2026-11-30 other:2700"],
            DaysWithOther(await SummaryAsync(api, team, team.Owner, "project", "dayGroups=0")));
        // The groups themselves are all there whatever the breakdown.
        var summary = await SummaryAsync(api, team, team.Owner, "project", "dayGroups=0");
        Assert.Equal(["Intranet", "Website", "(no project)"], summary.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        // By day, each day is its own group, whatever dayGroups says.
        Assert.Equal(["2026-11-01 2026-11-01:3600", "2026-11-02 2026-11-02:7200", "2026-11-15 2026-11-15:1200", "2026-11-30 2026-11-30:2700"],
            DaysWithOther(await SummaryAsync(api, team, team.Owner, "day", "dayGroups=0")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_member_who_filters_by_another_member_gets_no_time_since_their_report_is_always_their_own(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, _, _) = await NovemberAsync(api);

        var others = await SummaryAsync(api, team, team.Member, "project", $"userId={team.Admin.Id}");
        Assert.Empty(others.GetProperty("groups").EnumerateArray());
        Assert.Empty(others.GetProperty("days").EnumerateArray());
        Assert.Equal(0, others.GetProperty("totals").GetProperty("totalSeconds").GetInt64());
        Assert.Equal(["Intranet|5400|5400|0.00"],
            Lines(await SummaryAsync(api, team, team.Member, "project", $"userId={team.Admin.Id}&userId={team.Member.Id}")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_filter_value_that_is_not_one_is_a_400_naming_its_parameter(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        var cases = new (string Query, string Field, string Expected)[]
        {
            ("clientId=globex", "clientId", "'clientId' must be an id (a whole number above 0), one per 'clientId' parameter; 'globex' is not."),
            ("projectId=1&projectId=-2", "projectId", "'projectId' must be an id"),
            ("userId=1,2", "userId", "'userId' must be an id (a whole number above 0), one per 'userId' parameter; '1,2' is not."),
            ("tag=%20", "tag", "'tag' must be a tag's name"),
            ("billable=yes", "billable", "'billable' must be true, false or any (the default); 'yes' is not."),
            (string.Join('&', Enumerable.Range(1, 101).Select(i => $"projectId={i}")), "projectId", "a report filters by at most 100"),
        };
        foreach (var route in new[] { "summary", "detailed" })
            foreach (var (query, field, expected) in cases)
            {
                var response = await api.GetAsync(team.Path($"reports/{route}?from=2026-11-01&to=2026-11-30&{query}"), team.Owner.Token);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var errors = (await response.JsonAsync()).GetProperty("errors");
                Assert.Contains(expected, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
            }
    }

    // November 2026 for a team whose owner lives in Paris (UTC+1 then): the admin bills 50.00 an hour where a
    // project has no rate; Website (client Globex) bills 100.00; Intranet has no rate; the member has no default rate.
    internal static async Task<(Team Team, long Website, long Intranet)> NovemberAsync(TestApi api)
    {
        var team = await Team.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { timeZone = "Europe/Paris" }, team.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 50m }, team.Admin.Token)).StatusCode);
        var globex = await api.ClientAsync(team, "Globex");
        var website = await api.ProjectAsync(team, "Website", globex, 100m);
        var intranet = await api.ProjectAsync(team, "Intranet");
        async Task Entry(TestUser user, string start, int minutes, long? project, bool billable = true, string[]? tags = null) =>
            await api.PostAsync(team.Path("time-entries"), new
            {
                startedAt = start,
                endedAt = Iso(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(minutes)),
                projectId = project,
                billable,
                tags,
                userId = user.Id,
            }, team.Admin.Token).IdAsync();

        await Entry(team.Member, "2026-10-31T23:30:00Z", 60, website, tags: Design);        // 1 November in Paris
        await Entry(team.Member, "2026-11-02T10:00:00Z", 90, intranet, tags: DesignAndMeeting); // no rate at all
        await Entry(team.Admin, "2026-11-02T12:00:00Z", 30, intranet);                      // the admin's 50.00
        await Entry(team.Admin, "2026-11-30T22:30:00Z", 45, website);                       // 30 November in Paris
        await Entry(team.Admin, "2026-11-30T23:30:00Z", 45, website);                       // 1 December in Paris
        await Entry(team.Owner, "2026-11-15T09:00:00Z", 20, null, billable: false);
        await api.PostAsync(team.Path("timer/start"), new { projectId = website }, team.Admin.Token).IdAsync();
        var other = await Team.CreateAsync(api, "Other");
        await api.EntryAsync(other, other.Admin, new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), 60);
        return (team, website, intranet);
    }

    internal static async Task<JsonElement> SummaryAsync(TestApi api, Team team, TestUser caller, string groupBy, string filters = "")
    {
        var response = await api.GetAsync(team.Path($"reports/summary?from=2026-11-01&to=2026-11-30&groupBy={groupBy}&{filters}"), caller.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.ProblemAsync());
        return await response.JsonAsync();
    }

    private static List<string> Lines(JsonElement summary) =>
        [.. summary.GetProperty("groups").EnumerateArray().Select(g =>
            $"{g.GetProperty("name").GetString()}|{g.GetProperty("totalSeconds").GetInt64()}|{g.GetProperty("billableSeconds").GetInt64()}|{g.GetProperty("billableAmount").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}")];

    // Each day's groups, then its other seconds when there are some.
    private static List<string> DaysWithOther(JsonElement summary) =>
        [.. summary.GetProperty("days").EnumerateArray().Select(d => string.Join(' ', (string[])
        [
            d.GetProperty("date").GetString()!,
            .. d.GetProperty("groups").EnumerateArray().Select(g => $"{g.GetProperty("key").GetString() ?? "-"}:{g.GetProperty("seconds").GetInt64()}"),
            .. d.GetProperty("otherSeconds").GetInt64() is var other and not 0 ? [$"other:{other}"] : Array.Empty<string>(),
        ]))];

    private static List<string> Days(JsonElement summary) =>
        [.. summary.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString() + " " + string.Join(' ',
            d.GetProperty("groups").EnumerateArray().Select(g => $"{g.GetProperty("key").GetString() ?? "-"}:{g.GetProperty("seconds").GetInt64()}")))];
}

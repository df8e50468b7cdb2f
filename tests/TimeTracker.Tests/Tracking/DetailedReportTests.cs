using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TimeTracker.Tests.Api;
using static TimeTracker.Tests.Tracking.TrackingRequests;

namespace TimeTracker.Tests.Tracking;

/// <summary>The detailed report over HTTP, on both dialects: the entries behind the summary, a page at a time or as CSV.</summary>
public sealed class DetailedReportTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] Design = ["design"];
    private static readonly string[] DesignAndMeeting = ["design", "meeting"];

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_detailed_report_lists_the_summarys_entries_oldest_first_with_their_local_date_names_tags_and_amounts(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, website, intranet) = await ReportTests.NovemberAsync(api);
        await NameAsync(api, team);
        var task = await api.PostAsync(team.Path($"projects/{website}/tasks"), new { name = "Copy" }, team.Admin.Token).IdAsync();
        var withTask = await api.PostAsync(team.Path("time-entries"), new
        {
            startedAt = "2026-11-20T08:00:00Z", endedAt = "2026-11-20T08:06:00Z", projectId = website, taskId = task, description = "Hero text",
        }, team.Admin.Token).IdAsync();

        var page = await DetailedAsync(api, team, team.Owner, "");

        Assert.Equal(
        [
            "2026-11-01|Member|Globex|Website||design|True|3600|1.00|100.00|100.00",
            "2026-11-02|Member||Intranet||design,meeting|True|5400|1.50||0.00",
            "2026-11-02|Admin||Intranet|||True|1800|0.50|50.00|25.00",
            "2026-11-15|Owner|||||False|1200|0.33||0.00",
            "2026-11-20|Admin|Globex|Website|Copy||True|360|0.10|100.00|10.00",
            "2026-11-30|Admin|Globex|Website|||True|2700|0.75|100.00|75.00",
        ], Rows(page));
        var entry = page.GetProperty("items")[4];
        Assert.Equal(withTask, entry.GetProperty("id").GetInt64());
        Assert.Equal("Hero text", entry.GetProperty("description").GetString());
        Assert.Equal(task, entry.GetProperty("taskId").GetInt64());
        Assert.Equal(team.Admin.Id, entry.GetProperty("userId").GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T08:00:00Z", CultureInfo.InvariantCulture), entry.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Null(page.GetProperty("nextCursor").GetString());
        Assert.Equal([$"2026-11-02|Member||Intranet||design,meeting|True|5400|1.50||0.00"],
            Rows(await DetailedAsync(api, team, team.Owner, $"tag=meeting&projectId={intranet}")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Page_by_page_the_entries_amounts_add_up_to_the_summarys_amount_for_the_same_filters(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 47.5m }, team.Member.Token)).StatusCode);
        var acme = await api.ClientAsync(team, "Acme");
        var thirds = await api.ProjectAsync(team, "Thirds", acme, 100m);
        var odd = await api.ProjectAsync(team, "Odd", hourlyRate: 99.99m);
        var cheap = await api.ProjectAsync(team, "Cheap", acme, 33.33m);
        var bare = await api.ProjectAsync(team, "Bare");
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        long[] projects = [thirds, odd, cheap, bare];
        int[] minutes = [20, 7, 13, 41, 20, 3, 59, 20];
        for (var i = 0; i < 24; i++)
            await api.EntryAsync(team, i % 3 == 0 ? team.Member : team.Admin, start.AddHours(i * 5), minutes[i % minutes.Length], projects[i % 4],
                billable: i % 5 != 4, tags: i % 2 == 0 ? Design : DesignAndMeeting);
        // Two entries starting at the same instant: the id breaks the tie, across a page's end too.
        await api.EntryAsync(team, team.Member, start.AddDays(20), 20, thirds);
        await api.EntryAsync(team, team.Admin, start.AddDays(20), 20, thirds);

        foreach (var filters in new[]
                 {
                     "", $"projectId={thirds}", $"clientId={acme}", $"userId={team.Member.Id}", "tag=meeting", "billable=true",
                     $"projectId={odd}&projectId={cheap}&userId={team.Admin.Id}", $"projectId={bare}",
                 })
        {
            var summary = (await ReportTests.SummaryAsync(api, team, team.Owner, "project", filters)).GetProperty("totals");
            var (seconds, amount, count, cursor) = (0L, 0m, 0, (string?)null);
            var ids = new List<long>();
            do
            {
                var page = await DetailedAsync(api, team, team.Owner, $"{filters}&limit=4" + (cursor is null ? "" : $"&cursor={cursor}"));
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    seconds += item.GetProperty("durationSeconds").GetInt64();
                    amount += item.GetProperty("amount").GetDecimal();
                    ids.Add(item.GetProperty("id").GetInt64());
                    count++;
                }
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            Assert.Equal(summary.GetProperty("totalSeconds").GetInt64(), seconds);
            Assert.Equal(summary.GetProperty("billableAmount").GetDecimal(), amount);
            Assert.Equal(count, ids.Distinct().Count());
            var (csvSeconds, csvAmount) = CsvTotals(await CsvAsync(api, team, team.Owner, filters));
            Assert.Equal((seconds, amount), (csvSeconds, csvAmount));
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Cents_are_shared_so_that_three_thirds_of_an_hour_at_100_bill_100_and_not_99_99(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var thirds = await api.ProjectAsync(team, "Thirds", hourlyRate: 100m);
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
            await api.EntryAsync(team, team.Admin, start.AddHours(i), 20, thirds);

        var first = await DetailedAsync(api, team, team.Admin, "limit=1");
        var rest = await DetailedAsync(api, team, team.Admin, $"limit=2&cursor={first.GetProperty("nextCursor").GetString()}");

        // Running amounts 33.333…, 66.666…, 100 round to 33.33, 66.67, 100.00: each entry is within a cent of its own.
        Assert.Equal([33.33m, 33.34m, 33.33m],
            first.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("amount").GetDecimal()));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Asking_for_csv_streams_every_entry_in_the_range_as_rfc_4180_text_with_formulas_defused_and_a_total_line(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        await NameAsync(api, team);
        var formula = await api.ProjectAsync(team, "=HYPERLINK(\"http://evil.test\")", hourlyRate: 10m);
        var start = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
        await api.PostAsync(team.Path("time-entries"), new
        {
            startedAt = Iso(start), endedAt = Iso(start.AddMinutes(30)), projectId = formula, description = "@SUM(A1), \"quoted\"", tags = Design,
        }, team.Admin.Token).IdAsync();
        // More entries than the export reads at a time (200).
        for (var i = 1; i <= 204; i++)
            await api.EntryAsync(team, team.Admin, start.AddMinutes(30 + (i * 2)), 1, formula, billable: i % 2 == 0);

        var response = await CsvResponseAsync(api, team, team.Admin, "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("detailed-2026-11-01-2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("date,started_at,ended_at,user_id,member,client,project,task,description,tags,billable,duration_seconds,hours,rate,amount", lines[0]);
        Assert.Equal($"2026-11-03,2026-11-03T09:00:00Z,2026-11-03T09:30:00Z,{team.Admin.Id},Admin,,\"'=HYPERLINK(\"\"http://evil.test\"\")\",," +
            "\"'@SUM(A1), \"\"quoted\"\"\",design,true,1800,0.50,10.00,5.00", lines[1]);
        Assert.Equal(1 + 205 + 1 + 1, lines.Length);
        // 30 minutes and 102 billable minutes at 10.00, plus 102 minutes not billed.
        Assert.Equal("Total,,,,,,,,,,,14040,3.90,,22.00", lines[^2]);
        Assert.Equal("", lines[^1]);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_member_sees_only_their_own_entries_in_the_detailed_report_and_its_csv(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, _, intranet) = await ReportTests.NovemberAsync(api);
        await NameAsync(api, team);

        Assert.Equal(["2026-11-02|Member||Intranet||design,meeting|True|5400|1.50||0.00"], Rows(await DetailedAsync(api, team, team.Member, "")));
        Assert.Empty(Rows(await DetailedAsync(api, team, team.Member, $"userId={team.Admin.Id}")));
        var csv = await CsvAsync(api, team, team.Member, $"projectId={intranet}");
        Assert.Equal(["date", "2026-11-02", "Total", ""], csv.Split("\r\n").Select(l => l.Split(',')[0]));
        var stranger = await api.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path("reports/detailed?from=2026-11-01&to=2026-11-30"), stranger.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_detailed_report_without_a_proper_range_limit_or_cursor_is_a_400_saying_what_to_send(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        foreach (var (query, field) in new[]
                 {
                     ("to=2026-11-30", "from"), ("from=2026-11-01&to=2026-11-30&limit=0", "limit"), ("from=2026-11-01&to=2026-11-30&limit=ten", "limit"),
                     ("from=2026-11-01&to=2026-11-30&cursor=nope", "cursor"), ("from=2025-01-01&to=2026-11-30", "to"),
                 })
        {
            var response = await api.GetAsync(team.Path($"reports/detailed?{query}"), team.Owner.Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
        // Nothing is sent before the input is checked; a client that also accepts problems reads why.
        var csv = await CsvResponseAsync(api, team, team.Owner, "billable=maybe", alsoAccept: "application/problem+json");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("'billable' must be true, false or any", await csv.ProblemAsync(), StringComparison.Ordinal);
    }

    // Names the team's people after their roles, as the rows show them.
    private static async Task NameAsync(TestApi api, Team team)
    {
        foreach (var (user, name) in new[] { (team.Owner, "Owner"), (team.Admin, "Admin"), (team.Member, "Member") })
            Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { name }, user.Token)).StatusCode);
    }

    private static async Task<JsonElement> DetailedAsync(TestApi api, Team team, TestUser caller, string query)
    {
        var response = await api.GetAsync(team.Path($"reports/detailed?from=2026-11-01&to=2026-11-30&{query}"), caller.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.ProblemAsync());
        return await response.JsonAsync();
    }

    private static async Task<HttpResponseMessage> CsvResponseAsync(TestApi api, Team team, TestUser caller, string query, string? alsoAccept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, team.Path($"reports/detailed?from=2026-11-01&to=2026-11-30&{query}"));
        request.Headers.Authorization = new("Bearer", caller.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        if (alsoAccept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(alsoAccept));
        return await api.Client.SendAsync(request);
    }

    private static async Task<string> CsvAsync(TestApi api, Team team, TestUser caller, string query)
    {
        var response = await CsvResponseAsync(api, team, caller, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // The total line's seconds and amount (no field of these tests' CSV holds a comma).
    private static (long Seconds, decimal Amount) CsvTotals(string csv)
    {
        var total = csv.Split("\r\n")[^2].Split(',');
        Assert.Equal("Total", total[0]);
        return (long.Parse(total[11], CultureInfo.InvariantCulture), decimal.Parse(total[14], CultureInfo.InvariantCulture));
    }

    private static List<string> Rows(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => string.Join('|',
            i.GetProperty("date").GetString(), i.GetProperty("userName").GetString(), i.GetProperty("clientName").GetString(),
            i.GetProperty("projectName").GetString(), i.GetProperty("taskName").GetString(),
            string.Join(',', i.GetProperty("tags").EnumerateArray().Select(t => t.GetString())), i.GetProperty("billable").GetBoolean(),
            i.GetProperty("durationSeconds").GetInt64(), Money(i.GetProperty("hours").GetDecimal()),
            i.GetProperty("rate").ValueKind == JsonValueKind.Null ? "" : Money(i.GetProperty("rate").GetDecimal()), Money(i.GetProperty("amount").GetDecimal())))];

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>Rates with a history: fixed on each entry when recorded, re-priced only on purpose, never on an invoice; both dialects.</summary>
public sealed class RateTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly DateTimeOffset Nov10 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_rate_change_applies_from_its_day_and_entries_already_recorded_keep_the_rate_they_were_worth(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website", hourlyRate: 100m);
        await api.EntryAsync(team, team.Member, Nov10, 60, website);
        await api.EntryAsync(team, team.Member, Nov20, 60, website);
        Assert.Equal(200.00m, await AmountAsync(api, team));

        var raised = await SetRateAsync(api, team, new { projectId = website, hourlyRate = 150m, effectiveFrom = "2026-11-15" });

        Assert.Equal("project|150|2026-11-15|current", Describe(raised));
        Assert.Equal(200.00m, await AmountAsync(api, team));
        // Recorded now: each is worth the rate in effect on its own day.
        await api.EntryAsync(team, team.Member, Nov20.AddDays(1), 60, website);
        await api.EntryAsync(team, team.Member, Nov10.AddDays(1), 60, website);
        Assert.Equal(450.00m, await AmountAsync(api, team));
        Assert.Equal(["project|150|2026-11-15|current", "project|100||past"], await HistoryAsync(api, team, $"projectId={website}"));
        Assert.Equal(150m, (await (await api.GetAsync(team.Path($"projects/{website}"), team.Member.Token)).JsonAsync()).GetProperty("hourlyRate").GetDecimal());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_most_specific_level_with_a_rate_that_day_prices_an_entry(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 40m }, team.Member.Token)).StatusCode);
        var bare = await api.ProjectAsync(team, "Bare");
        var rated = await api.ProjectAsync(team, "Rated", hourlyRate: 100m);
        await SetRateAsync(api, team, new { hourlyRate = 10m });
        await SetRateAsync(api, team, new { userId = team.Admin.Id, hourlyRate = 60m });
        await SetRateAsync(api, team, new { userId = team.Member.Id, projectId = rated, hourlyRate = 120m });
        // The admin's rate on the project stops on 15 November: from then the project's applies.
        await SetRateAsync(api, team, new { userId = team.Admin.Id, projectId = rated, hourlyRate = 90m });
        await SetRateAsync(api, team, new { userId = team.Admin.Id, projectId = rated, hourlyRate = (decimal?)null, effectiveFrom = "2026-11-15" });

        var owner = await api.EntryAsync(team, team.Owner, Nov10, 60, bare);
        var ownerNoProject = await api.EntryAsync(team, team.Owner, Nov10.AddHours(2), 60);
        var memberBare = await api.EntryAsync(team, team.Member, Nov10, 60, bare);
        var memberRated = await api.EntryAsync(team, team.Member, Nov10.AddHours(2), 60, rated);
        var adminBare = await api.EntryAsync(team, team.Admin, Nov10, 60, bare);
        var adminRatedEarly = await api.EntryAsync(team, team.Admin, Nov10.AddHours(2), 60, rated);
        var adminRatedLate = await api.EntryAsync(team, team.Admin, Nov20, 60, rated);
        var ownerRated = await api.EntryAsync(team, team.Owner, Nov20, 60, rated);

        var rates = await RatesAsync(api, team);
        Assert.Equal(10m, rates[owner]);                 // the organization's default
        Assert.Equal(10m, rates[ownerNoProject]);
        Assert.Equal(40m, rates[memberBare]);            // the member's own default (profile)
        Assert.Equal(120m, rates[memberRated]);          // the member on the project
        Assert.Equal(60m, rates[adminBare]);             // the member rate, over the organization's default
        Assert.Equal(90m, rates[adminRatedEarly]);       // the admin on the project
        Assert.Equal(100m, rates[adminRatedLate]);       // that rate taken away: the project's
        Assert.Equal(100m, rates[ownerRated]);           // the project's
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Moving_an_entry_to_another_project_fixes_its_rate_again_and_other_edits_do_not(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website", hourlyRate: 100m);
        var support = await api.ProjectAsync(team, "Support", hourlyRate: 80m);
        var entry = await api.EntryAsync(team, team.Member, Nov10, 60, website);
        await SetRateAsync(api, team, new { projectId = website, hourlyRate = 130m, effectiveFrom = "2026-11-01" });

        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{entry}"), new { description = "Copy" }, team.Member.Token)).StatusCode);
        Assert.Equal(100m, (await RatesAsync(api, team))[entry]);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{entry}"), new { projectId = support }, team.Member.Token)).StatusCode);
        Assert.Equal(80m, (await RatesAsync(api, team))[entry]);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{entry}"), new { projectId = website }, team.Member.Token)).StatusCode);
        Assert.Equal(130m, (await RatesAsync(api, team))[entry]);

        // A timer is worth the rate of the day it starts.
        var timer = await api.PostAsync(team.Path("timer/start"), new { projectId = support }, team.Member.Token).IdAsync();
        Assert.Equal(["80"], [.. (await api.SqlAsync($"SELECT hourly_rate FROM time_entries WHERE id = {timer}")).Select(Cents)]);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Re_pricing_gives_a_range_the_rates_in_effect_now_says_first_what_it_would_change_and_is_audited(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website", hourlyRate: 100m);
        var support = await api.ProjectAsync(team, "Support", hourlyRate: 100m);
        var early = await api.EntryAsync(team, team.Member, Nov10, 60, website);
        var late = await api.EntryAsync(team, team.Member, Nov20, 90, website);
        var other = await api.EntryAsync(team, team.Member, Nov20, 30, support);
        var december = await api.EntryAsync(team, team.Member, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), 60, website);
        await SetRateAsync(api, team, new { projectId = website, hourlyRate = 120m, effectiveFrom = "2026-11-15" });
        await SetRateAsync(api, team, new { projectId = support, hourlyRate = 50m, effectiveFrom = "2026-11-01" });

        var preview = await RepriceAsync(api, team, new { from = "2026-11-01", to = "2026-11-30", projectId = website, dryRun = true });
        Assert.Equal("2 entries, 1 changed, 0 invoiced, 150.00 -> 180.00, applied: False", Summary(preview));
        Assert.Equal(100m, (await RatesAsync(api, team))[late]);

        var done = await RepriceAsync(api, team, new { from = "2026-11-01", to = "2026-11-30", projectId = website });
        Assert.Equal("2 entries, 1 changed, 0 invoiced, 150.00 -> 180.00, applied: True", Summary(done));
        var rates = await RatesAsync(api, team);
        Assert.Equal(new decimal?[] { 100m, 120m, 100m }, new[] { rates[early], rates[late], rates[other] });
        // Outside the range: as it was.
        Assert.Equal(["100"], [.. (await api.SqlAsync($"SELECT hourly_rate FROM time_entries WHERE id = {december}")).Select(Cents)]);
        var audit = await api.SqlAsync($"SELECT details FROM audit_log WHERE entity_type = 'time_entry_rates' AND action = 'reprice' AND user_id = {team.Admin.Id}");
        var details = JsonDocument.Parse(Assert.Single(audit)).RootElement;
        Assert.Equal("2026-11-01|2026-11-30|1|150.00|180.00", string.Join("|", details.GetProperty("from").GetString(), details.GetProperty("to").GetString(),
            details.GetProperty("changed").GetInt32(), details.GetProperty("amountBefore").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture),
            details.GetProperty("amountAfter").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)));

        // Nothing left to change: nothing more is audited.
        Assert.Equal("2 entries, 0 changed, 0 invoiced, 0.00 -> 0.00, applied: True",
            Summary(await RepriceAsync(api, team, new { from = "2026-11-01", to = "2026-11-30", projectId = website })));
        Assert.Single(await api.SqlAsync("SELECT id FROM audit_log WHERE entity_type = 'time_entry_rates'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Re_pricing_never_touches_invoiced_entries_so_an_issued_invoice_stays_byte_identical(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var globex = await api.ClientAsync(team, "Globex");
        var website = await api.ProjectAsync(team, "Website", globex, 100m);
        var billed = await api.EntryAsync(team, team.Member, Nov10, 90, website);
        var invoiceId = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-15" }, team.Owner.Token).IdAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync(team.Path($"invoices/{invoiceId}/issue"), new { issuedOn = "2026-11-16" }, team.Owner.Token)).StatusCode);
        var unbilled = await api.EntryAsync(team, team.Member, Nov20, 60, website);
        var issued = await (await api.GetAsync(team.Path($"invoices/{invoiceId}"), team.Owner.Token)).Content.ReadAsStringAsync();

        await SetRateAsync(api, team, new { projectId = website, hourlyRate = 200m, effectiveFrom = "2026-11-01" });
        var done = await RepriceAsync(api, team, new { from = "2026-11-01", to = "2026-11-30" });

        Assert.Equal("1 entries, 1 changed, 1 invoiced, 100.00 -> 200.00, applied: True", Summary(done));
        Assert.Equal(issued, await (await api.GetAsync(team.Path($"invoices/{invoiceId}"), team.Owner.Token)).Content.ReadAsStringAsync());
        var rates = await RatesAsync(api, team);
        Assert.Equal(new decimal?[] { 100m, 200m }, new[] { rates[billed], rates[unbilled] });
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_project_rate_field_sets_a_rate_from_today_and_the_history_tells_past_current_and_scheduled_apart(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var website = await api.ProjectAsync(team, "Website");
        // The first rate applies from the beginning, a later one from today (in the caller's calendar).
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"projects/{website}"), new { hourlyRate = 90m }, team.Admin.Token)).StatusCode);
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"projects/{website}"), new { hourlyRate = 95m }, team.Admin.Token)).StatusCode);
        var scheduled = await SetRateAsync(api, team, new { projectId = website, hourlyRate = 99m, effectiveFrom = "9000-01-01" });
        // A second change on one day replaces the first.
        await SetRateAsync(api, team, new { projectId = website, hourlyRate = 98m, effectiveFrom = "9000-01-01" });

        Assert.Equal(["project|98|9000-01-01|scheduled", $"project|95|{today}|current", "project|90||past"], await HistoryAsync(api, team, "level=project"));
        Assert.Equal(95m, (await (await api.GetAsync(team.Path($"projects/{website}"), team.Admin.Token)).JsonAsync()).GetProperty("hourlyRate").GetDecimal());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"rates/{scheduled.GetProperty("id").GetInt64()}"), team.Admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"projects/{website}"), new { hourlyRate = (decimal?)null }, team.Admin.Token)).StatusCode);
        Assert.Equal([$"project||{today}|current", "project|90||past"], await HistoryAsync(api, team, $"projectId={website}"));
        Assert.Equal(JsonValueKind.Null, (await (await api.GetAsync(team.Path($"projects/{website}"), team.Admin.Token)).JsonAsync()).GetProperty("hourlyRate").ValueKind);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_can_neither_see_nor_set_rates_nor_re_price_and_wrong_input_is_named(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var theirs = await api.ProjectAsync(other, "Theirs");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(team.Path("rates"), team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync(team.Path("rates"), new { hourlyRate = 1m }, team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await api.PostAsync(team.Path("rates/reprice"), new { from = "2026-11-01", to = "2026-11-30" }, team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(other.Path("rates"), team.Admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync(team.Path("rates/999999"), team.Admin.Token)).StatusCode);
        foreach (var (body, field, expected) in new (object, string, string)[]
        {
            (new { hourlyRate = -1m }, "hourlyRate", "'hourlyRate' must be an amount from 0"),
            (new { hourlyRate = 1m, effectiveFrom = "15/11/2026" }, "effectiveFrom", "'effectiveFrom' must be a date from 1900 to 9998"),
            (new { projectId = theirs, hourlyRate = 1m }, "projectId", $"No project {theirs} in organization {team.OrgId}"),
            (new { userId = other.Owner.Id, hourlyRate = 1m }, "userId", $"User {other.Owner.Id} is not a member of organization {team.OrgId}"),
        })
        {
            var refused = await api.PostAsync(team.Path("rates"), body, team.Admin.Token);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, (await refused.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
        var badLevel = await api.GetAsync(team.Path("rates?level=team"), team.Admin.Token);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        var badRange = await api.PostAsync(team.Path("rates/reprice"), new { from = "2026-11-30", to = "2026-11-01" }, team.Admin.Token);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Empty(await api.SqlAsync("SELECT id FROM hourly_rates"));
    }

    private static async Task<JsonElement> SetRateAsync(TestApi api, Team team, object body)
    {
        var response = await api.PostAsync(team.Path("rates"), body, team.Admin.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static async Task<JsonElement> RepriceAsync(TestApi api, Team team, object body)
    {
        var response = await api.PostAsync(team.Path("rates/reprice"), body, team.Admin.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static string Summary(JsonElement r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.GetProperty("entries").GetInt32()} entries, {r.GetProperty("changed").GetInt32()} changed, {r.GetProperty("invoiced").GetInt32()} invoiced, " +
            $"{r.GetProperty("amountBefore").GetDecimal():0.00} -> {r.GetProperty("amountAfter").GetDecimal():0.00}, applied: {r.GetProperty("applied").GetBoolean()}");

    private static string Describe(JsonElement rate) =>
        string.Join("|", rate.GetProperty("level").GetString(),
            rate.GetProperty("hourlyRate").ValueKind == JsonValueKind.Null ? "" : rate.GetProperty("hourlyRate").GetDecimal().ToString("0.##", CultureInfo.InvariantCulture),
            rate.GetProperty("effectiveFrom").GetString(), rate.GetProperty("state").GetString());

    private static async Task<List<string>> HistoryAsync(TestApi api, Team team, string query) =>
        [.. (await (await api.GetAsync(team.Path($"rates?{query}"), team.Admin.Token)).JsonAsync()).GetProperty("items").EnumerateArray().Select(Describe)];

    // November's billable amount, as the owner's summary report gives it.
    private static async Task<decimal> AmountAsync(TestApi api, Team team) =>
        (await (await api.GetAsync(team.Path("reports/summary?from=2026-11-01&to=2026-11-30"), team.Owner.Token)).JsonAsync())
            .GetProperty("totals").GetProperty("billableAmount").GetDecimal();

    // Each entry's rate, as the owner's detailed report of November gives it.
    private static async Task<Dictionary<long, decimal?>> RatesAsync(TestApi api, Team team) =>
        (await (await api.GetAsync(team.Path("reports/detailed?from=2026-11-01&to=2026-11-30&limit=200"), team.Owner.Token)).JsonAsync())
            .GetProperty("items").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetInt64(),
                e => e.GetProperty("rate").ValueKind == JsonValueKind.Null ? (decimal?)null : e.GetProperty("rate").GetDecimal());

    private static string Cents(string stored) => decimal.Parse(stored, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);
}

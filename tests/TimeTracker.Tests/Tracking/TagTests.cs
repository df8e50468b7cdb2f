using System.Globalization;
using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>The organization's tags over HTTP, on both dialects.</summary>
public sealed class TagTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_create_and_rename_tags_and_everyone_lists_them_by_name_in_pages_with_those_entries_created(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        var created = await api.PostAsync(team.Path("tags"), new { name = " urgent " }, team.Admin.Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var urgent = await created.JsonAsync();
        var id = urgent.GetProperty("id").GetInt64();
        Assert.Equal("urgent", urgent.GetProperty("name").GetString());
        Assert.Equal(team.Path($"tags/{id}"), created.Headers.Location?.OriginalString);
        await api.PostAsync(team.Path("tags"), new { name = "Backlog" }, team.Owner.Token).IdAsync();
        await api.EntryAsync(team, team.Member, api.Time.GetUtcNow().AddHours(-2), 30, tags: ["deep work"]);

        var first = await (await api.GetAsync(team.Path("tags?limit=2"), team.Member.Token)).JsonAsync();
        Assert.Equal(["Backlog", "deep work"], Names(first));
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);
        var second = await (await api.GetAsync(team.Path($"tags?limit=2&cursor={cursor}"), team.Member.Token)).JsonAsync();
        Assert.Equal(["urgent"], Names(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var renamed = await api.PatchAsync(team.Path($"tags/{id}"), new { name = "Urgent" }, team.Admin.Token);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Urgent", (await renamed.JsonAsync()).GetProperty("name").GetString());
        var unchanged = await (await api.PatchAsync(team.Path($"tags/{id}"), new { }, team.Admin.Token)).JsonAsync();
        Assert.Equal("Urgent", unchanged.GetProperty("name").GetString());
        Assert.Equal(["Backlog", "deep work", "Urgent"], Names(await (await api.GetAsync(team.Path("tags"), team.Member.Token)).JsonAsync()));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_name_the_organization_already_has_is_a_409_naming_that_tag_and_other_organizations_may_use_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var billed = await api.PostAsync(team.Path("tags"), new { name = "billed" }, team.Admin.Token).IdAsync();
        var review = await api.PostAsync(team.Path("tags"), new { name = "review" }, team.Admin.Token).IdAsync();

        var twice = await api.PostAsync(team.Path("tags"), new { name = "billed" }, team.Admin.Token);
        var clash = await api.PatchAsync(team.Path($"tags/{review}"), new { name = " billed" }, team.Admin.Token);
        var same = await api.PatchAsync(team.Path($"tags/{billed}"), new { name = "billed" }, team.Admin.Token);
        var elsewhere = await api.PostAsync(other.Path("tags"), new { name = "billed" }, other.Admin.Token);

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains($"The organization already has a tag named 'billed' (tag {billed}); choose another name", await twice.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains($"(tag {billed})", await clash.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(["billed", "review"], await api.SqlAsync($"SELECT name FROM tags WHERE organization_id = {team.OrgId} ORDER BY name"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Bad_tag_input_is_a_400_naming_the_field_and_another_organizations_tag_is_a_404(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var id = await api.PostAsync(team.Path("tags"), new { name = "ok" }, team.Admin.Token).IdAsync();
        var theirs = await api.PostAsync(other.Path("tags"), new { name = "theirs" }, other.Admin.Token).IdAsync();

        var cases = new (HttpResponseMessage Response, string Expected)[]
        {
            (await api.PostAsync(team.Path("tags"), new { name = "  " }, team.Admin.Token), "'name' is required"),
            (await api.PostAsync(team.Path("tags"), new { name = new string('x', 101) }, team.Admin.Token), "'name' has 101 characters; at most 100"),
            (await api.PostAsync(team.Path("tags"), new { name = "two\nlines" }, team.Admin.Token), "'name'"),
            (await api.PatchAsync(team.Path($"tags/{id}"), new { name = (string?)null }, team.Admin.Token), "'name' is required"),
            (await api.PatchAsync(team.Path($"tags/{id}"), new { colour = "red" }, team.Admin.Token), "'colour' cannot be changed here"),
        };

        foreach (var (response, expected) in cases)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await response.ProblemAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(["ok"], await api.SqlAsync($"SELECT name FROM tags WHERE organization_id = {team.OrgId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path($"tags/{theirs}"), team.Admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PatchAsync(team.Path($"tags/{theirs}"), new { name = "mine" }, team.Admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync(team.Path($"tags/{theirs}"), team.Admin.Token)).StatusCode);
        Assert.Equal(["theirs"], await api.SqlAsync($"SELECT name FROM tags WHERE organization_id = {other.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_read_tags_and_count_their_own_entries_but_only_admins_and_owners_change_them(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var start = api.Time.GetUtcNow().AddDays(-1);
        await api.EntryAsync(team, team.Member, start, 30, tags: ["focus"]);
        await api.EntryAsync(team, team.Admin, start, 30, tags: ["focus"]);
        var id = long.Parse((await api.SqlAsync($"SELECT id FROM tags WHERE organization_id = {team.OrgId}"))[0], CultureInfo.InvariantCulture);

        var refusals = new[]
        {
            await api.PostAsync(team.Path("tags"), new { name = "mine" }, team.Member.Token),
            await api.PatchAsync(team.Path($"tags/{id}"), new { name = "mine" }, team.Member.Token),
            await api.DeleteAsync(team.Path($"tags/{id}"), team.Member.Token),
        };

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("Only admins and owners may create tags; you are a member", await refusals[0].ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["focus"], Names(await (await api.GetAsync(team.Path("tags"), team.Member.Token)).JsonAsync()));
        Assert.Equal(1, (await (await api.GetAsync(team.Path($"tags/{id}"), team.Member.Token)).JsonAsync()).GetProperty("entries").GetInt64());
        Assert.Equal(2, (await (await api.GetAsync(team.Path($"tags/{id}"), team.Admin.Token)).JsonAsync()).GetProperty("entries").GetInt64());
        Assert.Equal(["focus"], await api.SqlAsync($"SELECT name FROM tags WHERE organization_id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Deleting_a_tag_takes_it_off_every_entry_that_carries_it_and_those_entries_count_as_changed(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var start = api.Time.GetUtcNow().AddDays(-1);
        var both = await api.EntryAsync(team, team.Member, start, 30, tags: ["draft", "review"]);
        var one = await api.EntryAsync(team, team.Admin, start, 30, tags: ["draft"]);
        var id = long.Parse((await api.SqlAsync($"SELECT id FROM tags WHERE organization_id = {team.OrgId} AND name = 'draft'"))[0], CultureInfo.InvariantCulture);
        var usage = await (await api.GetAsync(team.Path($"tags/{id}"), team.Owner.Token)).JsonAsync();
        api.Time.Advance(TimeSpan.FromMinutes(5));

        var deleted = await api.DeleteAsync(team.Path($"tags/{id}"), team.Owner.Token);

        Assert.Equal("draft|2|0", $"{usage.GetProperty("name").GetString()}|{usage.GetProperty("entries").GetInt64()}|{usage.GetProperty("lockedEntries").GetInt64()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var entry = await (await api.GetAsync(team.Path($"time-entries/{both}"), team.Member.Token)).JsonAsync();
        Assert.Equal(["review"], entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(api.Time.GetUtcNow(), entry.GetProperty("updatedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var other = await (await api.GetAsync(team.Path($"time-entries/{one}"), team.Admin.Token)).JsonAsync();
        Assert.Empty(other.GetProperty("tags").EnumerateArray());
        Assert.Equal(["review"], Names(await (await api.GetAsync(team.Path("tags"), team.Member.Token)).JsonAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path($"tags/{id}"), team.Owner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_tag_on_an_invoiced_entry_is_not_deleted_and_the_409_says_how_many_are_locked_until_the_invoice_is_voided(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var (id, invoice) = await InvoicedTagAsync(api, team);

        var usage = await (await api.GetAsync(team.Path($"tags/{id}"), team.Admin.Token)).JsonAsync();
        var refused = await api.DeleteAsync(team.Path($"tags/{id}"), team.Admin.Token);

        Assert.Equal(2, usage.GetProperty("entries").GetInt64());
        Assert.Equal(1, usage.GetProperty("lockedEntries").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"Tag {id} cannot be deleted: 1 time entry that carries it is locked by an invoice", await refused.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["2"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entry_tags WHERE tag_id = {id}"));

        await api.PostAsync(team.Path($"invoices/{invoice}/void"), null, team.Owner.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"tags/{id}"), team.Admin.Token)).StatusCode);
        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entry_tags WHERE tag_id = {id}"));
    }

    [Fact]
    public async Task An_entry_invoiced_while_the_deletion_of_its_tag_waits_keeps_the_tag_and_the_deletion_is_a_409()
    {
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var team = await Team.CreateAsync(api);
        var (id, _) = await InvoicedTagAsync(api, team, invoice: false);

        // The deletion has found the tag and waits to go on, when an entry that carries it is invoiced.
        Task<HttpResponseMessage> deletion;
        await using (var held = await HeldLock.TakeAsync(api, $"SELECT id FROM tags WHERE id = {id} FOR SHARE"))
        {
            deletion = api.DeleteAsync(team.Path($"tags/{id}"), team.Owner.Token);
            await held.WaitForWaitersAsync(1);
            await InvoiceAsync(api, team);
        }
        var response = await deletion;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Tag {id} cannot be deleted: 1 time entry that carries it is locked", await response.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["2"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entry_tags WHERE tag_id = {id}"));
    }

    /// <summary>A tag on two entries, one billable on a client's project (invoiced unless told otherwise), one not.</summary>
    private static async Task<(long Tag, long? Invoice)> InvoicedTagAsync(TestApi api, Team team, bool invoice = true)
    {
        var clientId = await api.ClientAsync(team, "Globex");
        var projectId = await api.ProjectAsync(team, "Website", clientId, hourlyRate: 100m);
        var start = api.Time.GetUtcNow().AddDays(-1);
        await api.EntryAsync(team, team.Member, start, 60, projectId, billable: true, tags: ["sprint"]);
        await api.EntryAsync(team, team.Member, start.AddHours(2), 60, billable: false, tags: ["sprint"]);
        var id = long.Parse((await api.SqlAsync($"SELECT id FROM tags WHERE organization_id = {team.OrgId}"))[0], CultureInfo.InvariantCulture);
        return (id, invoice ? await InvoiceAsync(api, team) : null);
    }

    private static async Task<long> InvoiceAsync(TestApi api, Team team)
    {
        var day = api.Time.GetUtcNow().AddDays(-1);
        var clientId = long.Parse((await api.SqlAsync($"SELECT id FROM clients WHERE organization_id = {team.OrgId}"))[0], CultureInfo.InvariantCulture);
        return await api.PostAsync(team.Path("invoices"), new
        {
            clientId,
            from = day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, team.Owner.Token).IdAsync();
    }

    private static List<string?> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString())];
}

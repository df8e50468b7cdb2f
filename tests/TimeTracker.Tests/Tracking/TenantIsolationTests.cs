using System.Net;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>
/// Every time-tracking route answers 404 for another organization, and for its rows reached through one's own
/// organization, whatever the method, and changes nothing; on both dialects.
/// </summary>
public sealed class TenantIsolationTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Another_organizations_routes_and_rows_are_404_on_every_route(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var theirs = await Team.CreateAsync(api, "Theirs");
        var ours = await Team.CreateAsync(api, "Ours");
        var client = await api.ClientAsync(theirs, "Their client");
        var project = await api.ProjectAsync(theirs, "Their project", client, 100m);
        var task = await api.PostAsync(theirs.Path($"projects/{project}/tasks"), new { name = "Their task" }, theirs.Admin.Token).IdAsync();
        var entry = await api.EntryAsync(theirs, theirs.Member, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), 60, project);
        var invoice = await api.PostAsync(theirs.Path("invoices"), new { clientId = client, from = "2026-11-01", to = "2026-11-30" }, theirs.Owner.Token).IdAsync();
        var tag = await api.PostAsync(theirs.Path("tags"), new { name = "Their tag" }, theirs.Admin.Token).IdAsync();
        var ourProject = await api.ProjectAsync(ours, "Our project");
        var before = await SnapshotAsync(api);

        var routes = new (HttpMethod Method, string Route, object? Body)[]
        {
            (HttpMethod.Get, "clients", null), (HttpMethod.Post, "clients", new { name = "x" }),
            (HttpMethod.Get, $"clients/{client}", null), (HttpMethod.Patch, $"clients/{client}", new { name = "x" }), (HttpMethod.Delete, $"clients/{client}", null),
            (HttpMethod.Get, "projects", null), (HttpMethod.Post, "projects", new { name = "x" }),
            (HttpMethod.Get, $"projects/{project}", null), (HttpMethod.Patch, $"projects/{project}", new { name = "x" }), (HttpMethod.Delete, $"projects/{project}", null),
            (HttpMethod.Get, $"projects/{project}/tasks", null), (HttpMethod.Post, $"projects/{project}/tasks", new { name = "x" }),
            (HttpMethod.Get, $"projects/{project}/tasks/{task}", null), (HttpMethod.Patch, $"projects/{project}/tasks/{task}", new { name = "x" }),
            (HttpMethod.Delete, $"projects/{project}/tasks/{task}", null),
            (HttpMethod.Get, "tags", null), (HttpMethod.Post, "tags", new { name = "x" }),
            (HttpMethod.Get, $"tags/{tag}", null), (HttpMethod.Patch, $"tags/{tag}", new { name = "x" }), (HttpMethod.Delete, $"tags/{tag}", null),
            (HttpMethod.Get, "time-entries", null), (HttpMethod.Post, "time-entries", new { startedAt = "2026-11-03T09:00:00Z", endedAt = "2026-11-03T10:00:00Z" }),
            (HttpMethod.Get, $"time-entries/{entry}", null), (HttpMethod.Patch, $"time-entries/{entry}", new { description = "x" }), (HttpMethod.Delete, $"time-entries/{entry}", null),
            (HttpMethod.Get, "timer", null), (HttpMethod.Post, "timer/start", new { }), (HttpMethod.Post, "timer/stop", null),
            (HttpMethod.Get, "reports/summary?from=2026-11-01&to=2026-11-30", null),
            (HttpMethod.Get, "invoices", null), (HttpMethod.Post, "invoices", new { clientId = client, from = "2026-11-01", to = "2026-11-30" }),
            (HttpMethod.Get, $"invoices/{invoice}", null), (HttpMethod.Post, $"invoices/{invoice}/issue", null),
            (HttpMethod.Post, $"invoices/{invoice}/pay", null), (HttpMethod.Post, $"invoices/{invoice}/void", null),
        };

        foreach (var (method, route, body) in routes)
        {
            // Their organization, by its id: even our owner is a stranger there.
            var response = await SendAsync(api, method, theirs.Path(route), body, ours.Owner.Token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {theirs.Path(route)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Contains($"No organization {theirs.OrgId} among yours", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var (method, route, body) in routes.Where(r => r.Route.Any(char.IsDigit) && !r.Route.StartsWith("reports", StringComparison.Ordinal)))
        {
            // Their rows, through our organization.
            var response = await SendAsync(api, method, ours.Path(route), body, ours.Owner.Token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {ours.Path(route)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var foreignEntry = await SendAsync(api, HttpMethod.Post, ours.Path("time-entries"),
            new { startedAt = "2026-11-03T09:00:00Z", endedAt = "2026-11-03T10:00:00Z", projectId = project }, ours.Owner.Token);
        Assert.Equal(HttpStatusCode.BadRequest, foreignEntry.StatusCode);
        var foreignTask = await SendAsync(api, HttpMethod.Patch, ours.Path($"projects/{ourProject}/tasks/{task}"), new { name = "x" }, ours.Owner.Token);
        Assert.Equal(HttpStatusCode.NotFound, foreignTask.StatusCode);

        Assert.Equal(before, await SnapshotAsync(api));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Deleting_an_organization_deletes_its_time_tracking_and_leaves_the_others(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var doomed = await Team.CreateAsync(api, "Doomed");
        var kept = await Team.CreateAsync(api, "Kept");
        foreach (var team in new[] { doomed, kept })
        {
            var client = await api.ClientAsync(team, "Client");
            var project = await api.ProjectAsync(team, "Project", client, 50m);
            await api.PostAsync(team.Path($"projects/{project}/tasks"), new { name = "Task" }, team.Admin.Token).IdAsync();
            await api.EntryAsync(team, team.Member, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), 60, project, tags: Tagged);
            await api.PostAsync(team.Path("invoices"), new { clientId = client, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token).IdAsync();
            await api.PostAsync(team.Path("timer/start"), new { projectId = project }, team.Admin.Token).IdAsync();
        }

        var deleted = await SendAsync(api, HttpMethod.Delete, $"/api/v1/orgs/{doomed.OrgId}", null, doomed.Owner.Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        foreach (var table in new[] { "clients", "projects", "time_entries", "tags", "invoices" })
        {
            Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM {table} WHERE organization_id = {doomed.OrgId}"));
            Assert.NotEqual(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM {table} WHERE organization_id = {kept.OrgId}"));
        }
        Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM invoice_items"));
        Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM time_entry_tags"));
    }

    private static readonly string[] Tagged = ["tagged"];

    private static Task<HttpResponseMessage> SendAsync(TestApi api, HttpMethod method, string path, object? body, string token)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return api.Client.SendAsync(request);
    }

    // What the refused requests could have changed in their organization's rows.
    private static async Task<string> SnapshotAsync(TestApi api) => string.Join("\n",
        await api.SqlAsync("SELECT 'client ' || id || ' ' || name || ' ' || archived FROM clients ORDER BY id"),
        await api.SqlAsync("SELECT 'project ' || id || ' ' || name || ' ' || archived FROM projects ORDER BY id"),
        await api.SqlAsync("SELECT 'task ' || id || ' ' || name FROM tasks ORDER BY id"),
        await api.SqlAsync("SELECT 'entry ' || id || ' ' || COALESCE(description, '-') || ' ' || COALESCE(ended_at IS NULL, FALSE) FROM time_entries ORDER BY id"),
        await api.SqlAsync("SELECT 'invoice ' || id || ' ' || status FROM invoices ORDER BY id"));
}

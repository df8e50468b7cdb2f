using System.Globalization;
using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>Clients, projects and tasks over HTTP, on both dialects.</summary>
public sealed class CatalogTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_create_rename_archive_restore_and_delete_clients_and_archived_ones_are_listed_only_when_asked(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        var created = await api.PostAsync(team.Path("clients"), new { name = " Globex ", email = "Billing@Globex.test" }, team.Admin.Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.JsonAsync();
        var id = client.GetProperty("id").GetInt64();
        Assert.Equal("Globex", client.GetProperty("name").GetString());
        Assert.Equal("billing@globex.test", client.GetProperty("email").GetString());
        Assert.Equal(team.Path($"clients/{id}"), created.Headers.Location?.OriginalString);
        await api.ClientAsync(team, "Initech");

        var renamed = await (await api.PatchAsync(team.Path($"clients/{id}"), new { name = "Globex Corp", archived = true }, team.Admin.Token)).JsonAsync();
        Assert.Equal("Globex Corp", renamed.GetProperty("name").GetString());
        Assert.True(renamed.GetProperty("archived").GetBoolean());
        Assert.Equal(api.Time.GetUtcNow(), renamed.GetProperty("archivedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal("billing@globex.test", renamed.GetProperty("email").GetString());
        Assert.Equal(["Initech"], Names(await (await api.GetAsync(team.Path("clients"), team.Member.Token)).JsonAsync()));
        Assert.Equal(["Globex Corp", "Initech"], Names(await (await api.GetAsync(team.Path("clients?includeArchived=true"), team.Member.Token)).JsonAsync()));

        var restored = await (await api.PatchAsync(team.Path($"clients/{id}"), new { archived = false, email = (string?)null }, team.Admin.Token)).JsonAsync();
        Assert.False(restored.GetProperty("archived").GetBoolean());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("archivedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("email").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"clients/{id}"), team.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path($"clients/{id}"), team.Owner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Projects_carry_a_client_and_a_rate_that_can_be_changed_and_cleared_and_tasks_live_under_them(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var clientId = await api.ClientAsync(team, "Globex");

        var project = await (await api.PostAsync(team.Path("projects"), new { name = "Website", clientId, hourlyRate = 120.50m, description = "Relaunch" }, team.Admin.Token)).JsonAsync();
        var projectId = project.GetProperty("id").GetInt64();
        Assert.Equal(clientId, project.GetProperty("clientId").GetInt64());
        Assert.Equal(120.50m, project.GetProperty("hourlyRate").GetDecimal());
        Assert.Equal("Relaunch", project.GetProperty("description").GetString());

        var changed = await (await api.PatchAsync(team.Path($"projects/{projectId}"), new { hourlyRate = (decimal?)null, clientId = (long?)null, name = "Web" }, team.Owner.Token)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("hourlyRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("clientId").ValueKind);
        Assert.Equal("Relaunch", changed.GetProperty("description").GetString());
        Assert.Equal(["Web"], Names(await (await api.GetAsync(team.Path("projects"), team.Member.Token)).JsonAsync()));
        Assert.Empty(Names(await (await api.GetAsync(team.Path($"projects?clientId={clientId}"), team.Member.Token)).JsonAsync()));

        var task = await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Design" }, team.Admin.Token).IdAsync();
        await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Build" }, team.Admin.Token).IdAsync();
        await api.PatchAsync(team.Path($"projects/{projectId}/tasks/{task}"), new { archived = true }, team.Admin.Token);
        Assert.Equal(["Build"], Names(await (await api.GetAsync(team.Path($"projects/{projectId}/tasks"), team.Member.Token)).JsonAsync()));
        Assert.Equal(["Build", "Design"], Names(await (await api.GetAsync(team.Path($"projects/{projectId}/tasks?includeArchived=true"), team.Member.Token)).JsonAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"projects/{projectId}/tasks/{task}"), team.Admin.Token)).StatusCode);
        await api.PatchAsync(team.Path($"projects/{projectId}"), new { archived = true }, team.Admin.Token);
        var onArchived = await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Late" }, team.Admin.Token);
        Assert.Equal(HttpStatusCode.Conflict, onArchived.StatusCode);
        Assert.Contains($"Project {projectId} is archived; restore it before adding tasks", await onArchived.ProblemAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(team.Path($"projects/{projectId}"), team.Admin.Token)).StatusCode);
        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_read_the_catalogue_but_only_admins_and_owners_change_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var clientId = await api.ClientAsync(team, "Globex");
        var projectId = await api.ProjectAsync(team, "Website", clientId);

        var refusals = new[]
        {
            await api.PostAsync(team.Path("clients"), new { name = "Mine" }, team.Member.Token),
            await api.PatchAsync(team.Path($"clients/{clientId}"), new { name = "Mine" }, team.Member.Token),
            await api.DeleteAsync(team.Path($"clients/{clientId}"), team.Member.Token),
            await api.PostAsync(team.Path("projects"), new { name = "Mine" }, team.Member.Token),
            await api.PatchAsync(team.Path($"projects/{projectId}"), new { archived = true }, team.Member.Token),
            await api.DeleteAsync(team.Path($"projects/{projectId}"), team.Member.Token),
            await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Mine" }, team.Member.Token),
        };

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("Only admins and owners may create clients; you are a member", await refusals[0].ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path($"projects/{projectId}"), team.Member.Token)).StatusCode);
        Assert.Equal(["Globex"], await api.SqlAsync($"SELECT name FROM clients WHERE organization_id = {team.OrgId}"));
        Assert.Equal(["Website"], await api.SqlAsync($"SELECT name FROM projects WHERE organization_id = {team.OrgId}"));
    }

    [Fact]
    public async Task A_client_invoiced_while_its_deletion_waits_is_kept_and_the_deletion_is_a_409()
    {
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var team = await Team.CreateAsync(api);
        var clientId = await api.ClientAsync(team, "Globex");
        var projectId = await api.ProjectAsync(team, "Website", clientId, hourlyRate: 100m);
        var start = api.Time.GetUtcNow().AddDays(-1);
        var period = new { clientId, from = start.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = start.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

        // The deletion has found nothing that refers to the client and waits to delete it, when time is tracked
        // on its project and invoiced.
        Task<HttpResponseMessage> deletion;
        await using (var held = await HeldLock.TakeAsync(api, $"SELECT id FROM clients WHERE id = {clientId} FOR KEY SHARE"))
        {
            deletion = api.DeleteAsync(team.Path($"clients/{clientId}"), team.Owner.Token);
            await held.WaitForWaitersAsync(1);
            await api.EntryAsync(team, team.Member, start, 60, projectId, billable: true);
            await api.PostAsync(team.Path("invoices"), period, team.Owner.Token).IdAsync();
        }
        var response = await deletion;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Client {clientId} cannot be deleted", await response.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM clients WHERE id = {clientId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Deleting_what_time_entries_refer_to_is_refused_with_how_many_and_nothing_is_deleted(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var clientId = await api.ClientAsync(team, "Globex");
        var projectId = await api.ProjectAsync(team, "Website", clientId);
        var taskId = await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Design" }, team.Admin.Token).IdAsync();
        var start = api.Time.GetUtcNow().AddDays(-1);
        await api.EntryAsync(team, team.Member, start, 30, projectId);
        await api.EntryAsync(team, team.Admin, start, 30, projectId);
        await api.PostAsync(team.Path("time-entries"), new { startedAt = TrackingRequests.Iso(start.AddHours(1)), endedAt = TrackingRequests.Iso(start.AddHours(2)), taskId }, team.Member.Token).IdAsync();

        var client = await api.DeleteAsync(team.Path($"clients/{clientId}"), team.Owner.Token);
        var project = await api.DeleteAsync(team.Path($"projects/{projectId}"), team.Owner.Token);
        var task = await api.DeleteAsync(team.Path($"projects/{projectId}/tasks/{taskId}"), team.Owner.Token);

        Assert.Equal(HttpStatusCode.Conflict, client.StatusCode);
        Assert.Contains($"Client {clientId} cannot be deleted: 3 time entries on its projects and no invoices refer to it", await client.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, project.StatusCode);
        Assert.Contains($"Project {projectId} cannot be deleted: 3 time entries refer to it", await project.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, task.StatusCode);
        Assert.Contains($"Task {taskId} cannot be deleted: 1 time entry refers to it", await task.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM tasks WHERE id = {taskId}"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM clients WHERE id = {clientId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Bad_catalogue_input_is_a_400_naming_each_field_and_nothing_is_written(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var foreignClient = await api.ClientAsync(other, "Theirs");
        var archivedClient = await api.ClientAsync(team, "Old");
        await api.PatchAsync(team.Path($"clients/{archivedClient}"), new { archived = true }, team.Admin.Token);
        var projectId = await api.ProjectAsync(team, "Website");

        var cases = new (HttpResponseMessage Response, string Expected)[]
        {
            (await api.PostAsync(team.Path("clients"), new { email = "nobody" }, team.Admin.Token), "'name' is required"),
            (await api.PostAsync(team.Path("clients"), new { name = "X", email = "nobody" }, team.Admin.Token), "'email' is not a valid email address"),
            (await api.PostAsync(team.Path("projects"), new { name = "X", hourlyRate = -1m }, team.Admin.Token), "'hourlyRate' must be an amount from 0 to 99999999.99"),
            (await api.PostAsync(team.Path("projects"), new { name = "X", hourlyRate = 10.005m }, team.Admin.Token), "at most two decimal places"),
            (await api.PostAsync(team.Path("projects"), new { name = "X", clientId = foreignClient }, team.Admin.Token), $"No client {foreignClient} in organization {team.OrgId}"),
            (await api.PostAsync(team.Path("projects"), new { name = "X", clientId = archivedClient }, team.Admin.Token), $"Client {archivedClient} is archived"),
            (await api.PostAsync(team.Path("projects"), new { name = new string('x', 256) }, team.Admin.Token), "'name' has 256 characters; at most 255"),
            (await api.PatchAsync(team.Path($"projects/{projectId}"), new { colour = "red" }, team.Admin.Token), "'colour' cannot be changed here"),
            (await api.PatchAsync(team.Path($"projects/{projectId}"), new { archived = "yes" }, team.Admin.Token), "'archived' must be true or false"),
            (await api.PatchAsync(team.Path($"projects/{projectId}"), new { name = "" }, team.Admin.Token), "'name' is required"),
        };

        foreach (var (response, expected) in cases)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await response.ProblemAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(["Old"], await api.SqlAsync($"SELECT name FROM clients WHERE organization_id = {team.OrgId}"));
        Assert.Equal(["Website"], await api.SqlAsync($"SELECT name FROM projects WHERE organization_id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Concurrent_changes_of_different_fields_of_one_project_all_stay(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projects = new List<long>();
        for (var i = 0; i < 8; i++)
            projects.Add(await api.ProjectAsync(team, $"Project {i}"));

        // For each project, one request renames it while another sets its rate: neither may undo the other.
        await Task.WhenAll(projects.SelectMany(id => new[]
        {
            api.PatchAsync(team.Path($"projects/{id}"), new { name = $"Renamed {id}" }, team.Admin.Token),
            api.PatchAsync(team.Path($"projects/{id}"), new { hourlyRate = 75m }, team.Owner.Token),
        }));

        // The rate is the project's rate of today in its history (revision 027), read back as the API answers it.
        var stored = new List<string>();
        foreach (var id in projects)
        {
            var project = await (await api.GetAsync(team.Path($"projects/{id}"), team.Admin.Token)).JsonAsync();
            stored.Add($"{project.GetProperty("name").GetString()}|{project.GetProperty("hourlyRate").GetDecimal():0}");
        }
        Assert.Equal(projects.Select(id => $"Renamed {id}|75"), stored);
    }

    private static List<string?> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString())];
}

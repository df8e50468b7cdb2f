using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Names are one line of visible text (issue 16, finding 7): a name that smuggles line breaks, tabs, other control
/// characters or direction overrides into emails is refused on every route that writes one, on both dialects.
/// </summary>
public sealed class NameTextTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    /// <summary>The organization name seen live, which an invitation email sent verbatim from our sender.</summary>
    private const string Phishing = "IT Security.\n\nYour mailbox password expires today. Re-validate at https://evil.test/reset";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_phishing_name_is_refused_on_every_route_that_writes_a_name(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var clientId = await api.ClientAsync(team, "Initech");
        var projectId = await api.ProjectAsync(team, "Website");
        var taskId = await api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = "Design" }, team.Admin.Token).IdAsync();
        var entryId = await api.EntryAsync(team, team.Member, DateTimeOffset.UtcNow.AddHours(-2), 30);
        var start = TrackingRequests.Iso(DateTimeOffset.UtcNow.AddHours(-1));
        var end = TrackingRequests.Iso(DateTimeOffset.UtcNow.AddMinutes(-30));

        var attempts = new (string Route, string Field, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("POST /api/v1/auth/register", "name", () => api.PostAsync("/api/v1/auth/register", new { email = $"p-{Guid.NewGuid():N}@example.test", password = TestUsers.Password, name = Phishing })),
            ("PATCH /api/v1/me", "name", () => api.PatchAsync("/api/v1/me", new { name = Phishing }, team.Member.Token)),
            ("POST /api/v1/orgs", "name", () => api.PostAsync("/api/v1/orgs", new { name = Phishing }, team.Owner.Token)),
            ("PATCH /api/v1/orgs/{id}", "name", () => api.PatchAsync($"/api/v1/orgs/{team.OrgId}", new { name = Phishing }, team.Owner.Token)),
            ("POST clients", "name", () => api.PostAsync(team.Path("clients"), new { name = Phishing }, team.Admin.Token)),
            ("PATCH clients/{id}", "name", () => api.PatchAsync(team.Path($"clients/{clientId}"), new { name = Phishing }, team.Admin.Token)),
            ("POST projects", "name", () => api.PostAsync(team.Path("projects"), new { name = Phishing }, team.Admin.Token)),
            ("PATCH projects/{id}", "name", () => api.PatchAsync(team.Path($"projects/{projectId}"), new { name = Phishing }, team.Admin.Token)),
            ("POST tasks", "name", () => api.PostAsync(team.Path($"projects/{projectId}/tasks"), new { name = Phishing }, team.Admin.Token)),
            ("PATCH tasks/{id}", "name", () => api.PatchAsync(team.Path($"projects/{projectId}/tasks/{taskId}"), new { name = Phishing }, team.Admin.Token)),
            ("POST time-entries", "tags", () => api.PostAsync(team.Path("time-entries"), new { startedAt = start, endedAt = end, tags = new[] { "ok", Phishing } }, team.Member.Token)),
            ("PATCH time-entries/{id}", "tags", () => api.PatchAsync(team.Path($"time-entries/{entryId}"), new { tags = new[] { Phishing } }, team.Member.Token)),
            ("POST timer/start", "tags", () => api.PostAsync(team.Path("timer/start"), new { tags = new[] { Phishing } }, team.Member.Token)),
        };

        foreach (var (route, field, send) in attempts)
        {
            var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} answered {(int)response.StatusCode}: {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"{route} names no '{field}' error: {body}");
            Assert.Contains("U+000A", messages[0].GetString(), StringComparison.Ordinal);
        }
        // Nothing of it was stored anywhere.
        foreach (var table in new[] { "users", "organizations", "clients", "projects", "tasks", "tags" })
            Assert.Equal(["0"], await api.SqlAsync($"SELECT count(*) FROM {table} WHERE name LIKE '%mailbox password%'"));
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM time_entries WHERE ended_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Carriage_returns_tabs_other_controls_and_direction_overrides_are_refused_and_other_scripts_and_emoji_are_not(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();

        foreach (var name in new[] { "Acme\rBcc: x", "Acme\tInc", "Acme\u0000", "Acme\u0085Inc", "Acme\u2028Inc", "Acme \u202Egpj.exe", "Acme \u2066Inc\u2069", "\u0007" })
        {
            var refused = await api.PostAsync("/api/v1/orgs", new { name }, owner.Token);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(name)} answered {(int)refused.StatusCode}: {body}");
            Assert.Contains("one line of visible text", body, StringComparison.Ordinal);
        }
        foreach (var name in new[] { "Café Zoë & Co.", "株式会社テスト", "שלום בע״מ", "Team 👩‍💻 Dev", "  Trimmed  \n" })
        {
            var created = await api.PostAsync("/api/v1/orgs", new { name }, owner.Token);
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{JsonSerializer.Serialize(name)} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            Assert.Equal(name.Trim(), (await created.JsonAsync()).GetProperty("name").GetString());
        }
    }
}

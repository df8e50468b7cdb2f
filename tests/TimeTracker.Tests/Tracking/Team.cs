using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>An organization of a test with an owner, an admin and a member, all signed in.</summary>
public sealed record Team(long OrgId, TestUser Owner, TestUser Admin, TestUser Member)
{
    /// <summary>A new organization with its three people (the admin and member seeded as memberships).</summary>
    public static async Task<Team> CreateAsync(TestApi api, string name = "Acme")
    {
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, name);
        var admin = await api.SignedInAsync();
        var member = await api.SignedInAsync();
        await JoinAsync(api, orgId, admin, "admin");
        await JoinAsync(api, orgId, member, "member");
        return new Team(orgId, owner, admin, member);
    }

    /// <summary>Seeds a membership (InvitationTests cover how members really join).</summary>
    public static async Task JoinAsync(TestApi api, long orgId, TestUser user, string role) =>
        await api.SqlAsync($"INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ({orgId}, {user.Id}, '{role}', '2026-11-24 00:00:00.0000000+00:00')");

    /// <summary>The path of a route of this organization.</summary>
    public string Path(string route) => $"/api/v1/orgs/{OrgId}/{route}";
}

/// <summary>Reading answers and making the catalogue's rows over HTTP.</summary>
public static class TrackingRequests
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<long> IdAsync(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    public static Task<long> ClientAsync(this TestApi api, Team team, string name) =>
        api.PostAsync(team.Path("clients"), new { name }, team.Admin.Token).IdAsync();

    public static Task<long> ProjectAsync(this TestApi api, Team team, string name, long? clientId = null, decimal? hourlyRate = null) =>
        api.PostAsync(team.Path("projects"), new { name, clientId, hourlyRate }, team.Admin.Token).IdAsync();

    /// <summary>A finished entry of <paramref name="user"/>, <paramref name="minutes"/> long from <paramref name="start"/>.</summary>
    public static Task<long> EntryAsync(this TestApi api, Team team, TestUser user, DateTimeOffset start, int minutes, long? projectId = null,
        bool? billable = null, string[]? tags = null) =>
        api.PostAsync(team.Path("time-entries"), new { startedAt = Iso(start), endedAt = Iso(start.AddMinutes(minutes)), projectId, billable, tags }, user.Token).IdAsync();

    /// <summary>An instant as the API takes it.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The problem's detail, and its field errors, in one string to search.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Tests.Tracking;
using TimeTracker.Web.Authentication;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Personal API tokens (docs/api.md, "Personal API tokens"): who may make which, the secret shown once and only its hash
/// kept, where a token works (its organization's routes, within its scope) and where not, expiry, revocation, members
/// removed or demoted, and the last use written at most once a minute; on both dialects.
/// </summary>
public sealed class ApiTokenTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    // Reads need 'read'; tracking time and a member's own timesheet 'write'; the catalogue, invoices, members, invitations, rates,
    // policies and deciding timesheets 'admin'. Nothing else takes a token.
    private static readonly string[] TokenRoutes =
    [
        "DELETE /api/v1/orgs/{id:long}/invitations/{invitationId:long} admin",
        "DELETE /api/v1/orgs/{id:long}/members/{userId:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/clients/{id:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/projects/{id:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/projects/{projectId:long}/tasks/{id:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/rates/{id:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/tags/{id:long} admin",
        "DELETE /api/v1/orgs/{orgId:long}/time-entries/{id:long} write",
        "GET /api/v1/orgs/{id:long} read",
        "GET /api/v1/orgs/{id:long}/invitations read",
        "GET /api/v1/orgs/{id:long}/members read",
        "GET /api/v1/orgs/{id:long}/seats read",
        "GET /api/v1/orgs/{orgId:long}/audit-log read",
        "GET /api/v1/orgs/{orgId:long}/clients/ read",
        "GET /api/v1/orgs/{orgId:long}/clients/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/invoices/ read",
        "GET /api/v1/orgs/{orgId:long}/invoices/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/projects/ read",
        "GET /api/v1/orgs/{orgId:long}/projects/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/projects/{projectId:long}/tasks/ read",
        "GET /api/v1/orgs/{orgId:long}/projects/{projectId:long}/tasks/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/rates/ read",
        "GET /api/v1/orgs/{orgId:long}/reports/detailed read",
        "GET /api/v1/orgs/{orgId:long}/reports/summary read",
        "GET /api/v1/orgs/{orgId:long}/tags/ read",
        "GET /api/v1/orgs/{orgId:long}/tags/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/time-entries/ read",
        "GET /api/v1/orgs/{orgId:long}/time-entries/{id:long} read",
        "GET /api/v1/orgs/{orgId:long}/timer-policy/ read",
        "GET /api/v1/orgs/{orgId:long}/timer/ read",
        "GET /api/v1/orgs/{orgId:long}/timesheet-policy/ read",
        "GET /api/v1/orgs/{orgId:long}/timesheets/ read",
        "GET /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date} read",
        "PATCH /api/v1/orgs/{id:long}/members/{userId:long} admin",
        "PATCH /api/v1/orgs/{orgId:long}/clients/{id:long} admin",
        "PATCH /api/v1/orgs/{orgId:long}/projects/{id:long} admin",
        "PATCH /api/v1/orgs/{orgId:long}/projects/{projectId:long}/tasks/{id:long} admin",
        "PATCH /api/v1/orgs/{orgId:long}/tags/{id:long} admin",
        "PATCH /api/v1/orgs/{orgId:long}/time-entries/{id:long} write",
        "POST /api/v1/orgs/{id:long}/invitations admin",
        "POST /api/v1/orgs/{id:long}/invitations/{invitationId:long}/resend admin",
        "POST /api/v1/orgs/{orgId:long}/clients/ admin",
        "POST /api/v1/orgs/{orgId:long}/invoices/ admin",
        "POST /api/v1/orgs/{orgId:long}/invoices/{id:long}/issue admin",
        "POST /api/v1/orgs/{orgId:long}/invoices/{id:long}/pay admin",
        "POST /api/v1/orgs/{orgId:long}/invoices/{id:long}/void admin",
        "POST /api/v1/orgs/{orgId:long}/projects/ admin",
        "POST /api/v1/orgs/{orgId:long}/projects/{projectId:long}/tasks/ admin",
        "POST /api/v1/orgs/{orgId:long}/rates/ admin",
        "POST /api/v1/orgs/{orgId:long}/rates/reprice admin",
        "POST /api/v1/orgs/{orgId:long}/tags/ admin",
        "POST /api/v1/orgs/{orgId:long}/time-entries/ write",
        "POST /api/v1/orgs/{orgId:long}/time-entries/{id:long}/continue write",
        "POST /api/v1/orgs/{orgId:long}/timer/start write",
        "POST /api/v1/orgs/{orgId:long}/timer/stop write",
        "POST /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date}/approve admin",
        "POST /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date}/reject admin",
        "POST /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date}/reopen admin",
        "POST /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date}/submit write",
        "POST /api/v1/orgs/{orgId:long}/timesheets/{userId:long}/{date}/withdraw write",
        "PUT /api/v1/orgs/{orgId:long}/timer-policy/ admin",
        "PUT /api/v1/orgs/{orgId:long}/timesheet-policy/ admin",
    ];

    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_token_never_has_a_scope_above_its_owners_role_and_is_made_only_in_their_own_organizations(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");

        var tooWide = await CreateAsync(api, team.Member, team.OrgId, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, tooWide.StatusCode);
        Assert.Contains("at most the scope 'write'", await tooWide.ProblemAsync(), StringComparison.Ordinal);
        foreach (var scope in new[] { "read", "write" })
            Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, team.Member, team.OrgId, scope)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, team.Admin, team.OrgId, "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, team.Owner, team.OrgId, "admin")).StatusCode);
        Assert.Equal("read", (await (await CreateAsync(api, team.Member, team.OrgId, null)).JsonAsync()).GetProperty("scope").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(api, team.Member, other.OrgId, "read")).StatusCode);
        var invalid = await api.PostAsync("/api/v1/me/api-tokens", new { name = " ", organizationId = team.OrgId, scope = "root", expiresAt = "soon" },
            team.Member.Token);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.Equal(["expiresAt", "name", "scope"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var past = await CreateAsync(api, team.Member, team.OrgId, "read", TrackingRequests.Iso(api.Time.GetUtcNow().AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("has passed", await past.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await ListAsync(api, team.Member)).Count);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_secret_is_shown_once_with_its_prefix_and_only_its_hash_is_stored_or_logged_never_the_secret(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace" });
        var team = await Team.CreateAsync(api);

        var created = await (await CreateAsync(api, team.Member, team.OrgId, "write")).JsonAsync();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("tt_pat_", secret, StringComparison.Ordinal);
        Assert.Matches("^tt_pat_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("write", created.GetProperty("scope").GetString());
        Assert.Equal("Acme", created.GetProperty("organizationName").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), secret)).StatusCode);

        var listed = Assert.Single(await ListAsync(api, team.Member));
        Assert.Equal(created.GetProperty("id").GetInt64(), listed.GetProperty("id").GetInt64());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal([hash], await api.SqlAsync("SELECT token_hash FROM api_tokens"));
        foreach (var column in new[] { "name", "scope", "token_hash" })
            Assert.DoesNotContain(await api.SqlAsync($"SELECT {column} FROM api_tokens"), value => value.Contains(secret[7..], StringComparison.Ordinal));
        Assert.Contains(api.Log.Entries, e => e.Message.Contains("API token", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Log.Entries, e => e.Message.Contains(secret[7..], StringComparison.Ordinal) || e.Message.Contains(hash, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_token_works_on_its_organizations_routes_within_its_scope_and_out_of_scope_is_a_403_naming_the_scope(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var read = await SecretAsync(api, team.Member, team.OrgId, "read");
        var write = await SecretAsync(api, team.Member, team.OrgId, "write");
        var admin = await SecretAsync(api, team.Admin, team.OrgId, "admin");
        var entry = new { startedAt = TrackingRequests.Iso(Monday), endedAt = TrackingRequests.Iso(Monday.AddHours(1)) };

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("reports/summary?from=2026-11-01&to=2026-11-30"), read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{team.OrgId}", read)).StatusCode);
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("time-entries"), entry, read), "write", "read");
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("timer/start"), new { }, read), "write", "read");

        var created = await api.PostAsync(team.Path("time-entries"), entry, write);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(team.Member.Id, (await created.JsonAsync()).GetProperty("userId").GetInt64());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(team.Path("timer/start"), new { }, write)).StatusCode);
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("clients"), new { name = "Globex" }, write), "admin", "write");
        await AssertNeedsScopeAsync(await api.PatchAsync($"/api/v1/orgs/{team.OrgId}/members/{team.Member.Id}", new { role = "admin" }, write), "admin", "write");

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(team.Path("clients"), new { name = "Globex" }, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{team.OrgId}/seats", admin)).StatusCode);
        // Within its scope, a token does what its owner's role allows, and no more: a member's write token cannot see the seats.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/orgs/{team.OrgId}/seats", write)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_token_is_refused_in_other_organizations_on_account_and_billing_routes_and_on_the_token_routes(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        await Team.JoinAsync(api, other.OrgId, team.Member, "admin");
        var token = await SecretAsync(api, team.Member, team.OrgId, "write");
        var tokenId = Assert.Single(await ListAsync(api, team.Member)).GetProperty("id").GetInt64();

        // The person is an admin of the other organization, but this token is not for it.
        foreach (var response in new[]
                 {
                     await api.GetAsync(other.Path("time-entries"), token), await api.GetAsync($"/api/v1/orgs/{other.OrgId}", token),
                     await api.PostAsync(other.Path("time-entries"), new { startedAt = TrackingRequests.Iso(Monday), endedAt = TrackingRequests.Iso(Monday.AddHours(1)) }, token),
                 })
        {
            var problem = await ForbiddenAsync(response);
            Assert.Contains($"works in organization {team.OrgId} only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(problem.TryGetProperty("requiredScope", out _));
        }
        foreach (var response in new[]
                 {
                     await api.GetAsync("/api/v1/me", token), await api.PatchAsync("/api/v1/me", new { name = "Token" }, token),
                     await api.PostAsync("/api/v1/me/password", new { currentPassword = TestUsers.Password, newPassword = "another horse battery staple" }, token),
                     await api.GetAsync("/api/v1/orgs", token), await api.PostAsync("/api/v1/orgs", new { name = "By token" }, token),
                     await api.PatchAsync($"/api/v1/orgs/{team.OrgId}", new { name = "Renamed" }, token),
                     await api.DeleteAsync($"/api/v1/orgs/{team.OrgId}", token), await api.GetAsync($"/api/v1/orgs/{team.OrgId}/billing", token),
                     await api.PostAsync("/api/v1/auth/logout-everywhere", null, token),
                     await api.GetAsync("/api/v1/me/api-tokens", token),
                     await api.PostAsync("/api/v1/me/api-tokens", new { name = "Another", organizationId = team.OrgId, scope = "write" }, token),
                     await api.DeleteAsync($"/api/v1/me/api-tokens/{tokenId}", token),
                 })
            Assert.Contains("needs a signed-in session", (await ForbiddenAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(["Acme"], await api.SqlAsync($"SELECT name FROM organizations WHERE id = {team.OrgId}"));
        Assert.Single(await ListAsync(api, team.Member));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Unknown_and_expired_tokens_are_401_with_WWW_Authenticate_and_access_tokens_work_as_before(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var expiring = await SecretAsync(api, team.Member, team.OrgId, "read", TrackingRequests.Iso(api.Time.GetUtcNow().AddHours(1)));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), expiring)).StatusCode);
        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), "tt_pat_" + new string('A', 43)), "unknown");
        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), "tt_pat_"), "unknown");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", team.Member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", "not.a.token")).StatusCode);

        api.Time.Advance(TimeSpan.FromHours(1));
        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), expiring), "expired");
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_revoked_token_is_refused_on_the_very_next_request_and_only_its_owner_may_revoke_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var token = await SecretAsync(api, team.Member, team.OrgId, "write");
        var id = Assert.Single(await ListAsync(api, team.Member)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/me/api-tokens/{id}", team.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/me/api-tokens/{id}", team.Member.Token)).StatusCode);

        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), token), "revoked");
        Assert.Empty(await ListAsync(api, team.Member));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/me/api-tokens/{id}", team.Member.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Removing_a_member_revokes_their_tokens_for_good_even_when_they_join_again(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var token = await SecretAsync(api, team.Member, team.OrgId, "write");
        var kept = await SecretAsync(api, team.Admin, team.OrgId, "admin");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{team.OrgId}/members/{team.Member.Id}", kept)).StatusCode);
        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), token), "revoked");
        await Team.JoinAsync(api, team.OrgId, team.Member, "member");

        await AssertInvalidAsync(await api.GetAsync(team.Path("time-entries"), token), "revoked");
        Assert.Empty(await ListAsync(api, team.Member));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), kept)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Lowering_a_role_narrows_the_tokens_to_it_for_good_and_the_role_is_checked_again_on_every_use(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var token = await SecretAsync(api, team.Admin, team.OrgId, "admin");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(team.Path("clients"), new { name = "Before" }, token)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"/api/v1/orgs/{team.OrgId}/members/{team.Admin.Id}", new { role = "member" },
            team.Owner.Token)).StatusCode);
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("clients"), new { name = "After" }, token), "admin", "write");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(team.Path("timer/start"), new { }, token)).StatusCode);
        Assert.Equal("write", Assert.Single(await ListAsync(api, team.Admin)).GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"/api/v1/orgs/{team.OrgId}/members/{team.Admin.Id}", new { role = "admin" },
            team.Owner.Token)).StatusCode);
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("clients"), new { name = "Promoted" }, token), "admin", "write");

        // However the role was lowered, the use reads it: a role changed behind the API's back narrows the token as well.
        var owner = await SecretAsync(api, team.Owner, team.OrgId, "admin");
        await api.SqlAsync($"UPDATE memberships SET role = 'member' WHERE organization_id = {team.OrgId} AND user_id = {team.Owner.Id}");
        await AssertNeedsScopeAsync(await api.PostAsync(team.Path("clients"), new { name = "Demoted" }, owner), "admin", "write");
        Assert.Equal(["Before"], await api.SqlAsync($"SELECT name FROM clients WHERE organization_id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_last_use_is_recorded_at_most_once_a_minute(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var token = await SecretAsync(api, team.Member, team.OrgId, "read");
        Assert.Equal(JsonValueKind.Null, Assert.Single(await ListAsync(api, team.Member)).GetProperty("lastUsedAt").ValueKind);

        // On a whole second, which both databases keep exactly (PostgreSQL keeps microseconds).
        api.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - api.Time.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));
        var first = api.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);
        Assert.Equal(first, await LastUsedAsync(api, team.Member));
        api.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("tags"), token)).StatusCode);
        Assert.Equal(first, await LastUsedAsync(api, team.Member));
        api.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(team.Path("time-entries"), token)).StatusCode);
        Assert.Equal(first.AddMinutes(1), await LastUsedAsync(api, team.Member));
    }

    [Fact]
    public async Task Every_route_a_token_may_call_declares_its_scope_and_no_other_route_takes_tokens()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ApiTokenScope>() is not null)
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText} " +
                $"{e.Metadata.GetMetadata<ApiTokenScope>()!.Scope}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(TokenRoutes.SequenceEqual(routes), string.Join("\n", routes));
    }

    [Fact]
    public void The_api_docs_state_the_token_routes_and_rules()
    {
        var docs = File.ReadAllText(Path.Combine(Email.SmtpTestServer.RepositoryRoot(), "docs", "api.md"));
        var section = docs[docs.IndexOf("## Personal API tokens", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        foreach (var fact in new[]
                 {
                     "`POST /api/v1/me/api-tokens`", "`GET /api/v1/me/api-tokens`", "`DELETE /api/v1/me/api-tokens/{id}`", "`tt_pat_`", "SHA-256",
                     "`read`", "`write`", "`admin`", "`requiredScope`", "insufficient_scope", "invalid_token", "at most once a minute",
                     "Removing a member", "lowering a role", "Not for API tokens", "8000–8019",
                 })
            Assert.Contains(fact, section, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> CreateAsync(TestApi api, TestUser user, long orgId, string? scope, string? expiresAt = null) =>
        api.PostAsync("/api/v1/me/api-tokens", new { name = $"Script {Guid.NewGuid():N}"[..20], organizationId = orgId, scope, expiresAt }, user.Token);

    private static async Task<string> SecretAsync(TestApi api, TestUser user, long orgId, string scope, string? expiresAt = null)
    {
        var response = await CreateAsync(api, user, orgId, scope, expiresAt);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.ProblemAsync());
        return (await response.JsonAsync()).GetProperty("secret").GetString()!;
    }

    private static async Task<List<JsonElement>> ListAsync(TestApi api, TestUser user)
    {
        var response = await api.GetAsync("/api/v1/me/api-tokens", user.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    private static async Task<DateTimeOffset> LastUsedAsync(TestApi api, TestUser user) =>
        Assert.Single(await ListAsync(api, user)).GetProperty("lastUsedAt").GetDateTimeOffset();

    private static async Task<JsonElement> ForbiddenAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: " +
            $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task AssertNeedsScopeAsync(HttpResponseMessage response, string needed, string held)
    {
        var problem = await ForbiddenAsync(response);
        Assert.Equal(needed, problem.GetProperty("requiredScope").GetString());
        Assert.Contains($"this token has '{held}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"{needed}\"", response.Headers.WwwAuthenticate.ToString());
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuthenticationHeaderValue challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }
}

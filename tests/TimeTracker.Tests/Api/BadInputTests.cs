using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>Malformed and refused requests: RFC 9457 problems with a specific message, no stack trace, nothing written.</summary>
public sealed class BadInputTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Malformed_json_is_a_400_problem_that_says_where()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var response = await api.Client.PostAsync("/api/v1/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var response = await api.Client.PostAsync("/api/v1/auth/login", new StringContent("email=a@b.c", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var body = JsonSerializer.Serialize(new { email = "big@example.test", password = new string('x', 20_000), name = "Big" });
        var response = await api.Client.PostAsync("/api/v1/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 16384", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_invalid_email_and_a_short_password_are_named_field_by_field_and_nothing_is_written()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var usersBefore = await api.SqlAsync("SELECT COUNT(*) FROM users");

        var response = await api.PostAsync("/api/v1/auth/register", new { email = "not-an-email", password = "short" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("not a valid email address", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("at least 12", errors.GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("required", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        var tooLong = await api.PostAsync("/api/v1/auth/register", new { email = "long@example.test", password = new string('x', 129), name = "Long" });
        Assert.Contains("at most 128", (await ProblemAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(usersBefore, await api.SqlAsync("SELECT COUNT(*) FROM users"));
        Assert.Empty(await api.SqlAsync("SELECT id FROM email_verification_tokens"));
    }

    [Theory]
    [InlineData("unbelievable")]
    [InlineData("UNBELIEVABLE")]
    [InlineData("contortionist")]
    public async Task A_common_word_or_password_is_refused_as_too_easy_to_guess(string common)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var response = await api.PostAsync("/api/v1/auth/register", new { email = "common@example.test", password = common, name = "C" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("too easy to guess", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_without_a_token_is_a_401_and_an_unknown_route_a_404_problem()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        await ProblemAsync(await api.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await api.GetAsync("/api/v1/me", "not.a.token"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await api.GetAsync("/no/such/route"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_auth_endpoints_are_rate_limited_per_client_with_a_429_problem()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Auth:PermitLimit"] = "3" });

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/v1/auth/password-reset", new { email = "x@example.test" })).StatusCode);
        var limited = await api.PostAsync("/api/v1/auth/password-reset", new { email = "x@example.test" });

        var problem = await ProblemAsync(limited, (HttpStatusCode)429);
        Assert.Contains("more than 3 requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_schema_at_head_and_openapi_describes_the_routes()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var health = await (await api.GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
        var openApi = await (await api.GetAsync("/openapi/v1.json")).Content.ReadFromJsonAsync<JsonElement>();
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/password-reset/confirm", "/api/v1/me", "/api/v1/me/password", "/health",
                     "/api/v1/orgs/{orgId}/clients/{id}", "/api/v1/orgs/{orgId}/projects/{projectId}/tasks", "/api/v1/orgs/{orgId}/time-entries", "/api/v1/orgs/{orgId}/timer/start",
                     "/api/v1/orgs/{orgId}/tags", "/api/v1/orgs/{orgId}/tags/{id}", "/api/v1/orgs/{orgId}/time-entries/{id}/continue",
                     "/api/v1/orgs/{orgId}/reports/summary", "/api/v1/orgs/{orgId}/reports/detailed", "/api/v1/orgs/{orgId}/invoices/{id}/void",
                     "/api/v1/orgs/{orgId}/rates", "/api/v1/orgs/{orgId}/rates/{id}", "/api/v1/orgs/{orgId}/rates/reprice",
                     "/api/v1/orgs/{orgId}/timer-policy",
                     "/api/v1/orgs/{orgId}/timesheet-policy", "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}",
                     "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/submit",
                     "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/withdraw", "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/approve",
                     "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/reject", "/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/reopen" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        // Every route of the accounts contract (docs/api.md), and billing's, each with its method.
        foreach (var (method, path) in new[]
                 {
                     ("post", "/api/v1/auth/register"), ("post", "/api/v1/auth/verify-email"), ("post", "/api/v1/auth/verify-email/resend"),
                     ("post", "/api/v1/auth/login"), ("post", "/api/v1/auth/login/2fa"), ("post", "/api/v1/auth/refresh"), ("post", "/api/v1/auth/logout"),
                     ("post", "/api/v1/auth/password-reset"), ("post", "/api/v1/auth/password-reset/confirm"), ("post", "/api/v1/auth/logout-everywhere"),
                     ("post", "/api/v1/auth/2fa/setup"), ("post", "/api/v1/auth/2fa/enable"), ("post", "/api/v1/auth/2fa/disable"), ("post", "/api/v1/auth/2fa/backup-codes"),
                     ("get", "/api/v1/me"), ("patch", "/api/v1/me"), ("post", "/api/v1/me/password"),
                     ("get", "/api/v1/orgs/{id}/billing"), ("post", "/api/v1/orgs/{id}/billing/checkout"), ("post", "/api/v1/orgs/{id}/billing/portal"),
                     ("get", "/api/v1/me/api-tokens"), ("post", "/api/v1/me/api-tokens"), ("delete", "/api/v1/me/api-tokens/{id}"),
                 })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"OpenAPI lacks {method.ToUpperInvariant()} {path}");
        // Every list is paged (docs/api.md, "Lists and pages"): limit is an integer from 1 to 200, cursor is text,
        // and the answer is a page of items with its nextCursor.
        foreach (var path in new[] { "/api/v1/orgs/{orgId}/invoices", "/api/v1/orgs/{orgId}/clients", "/api/v1/orgs/{orgId}/projects", "/api/v1/orgs/{orgId}/projects/{projectId}/tasks", "/api/v1/orgs/{id}/members", "/api/v1/orgs/{orgId}/time-entries",
                     "/api/v1/orgs/{orgId}/tags", "/api/v1/orgs/{orgId}/reports/detailed", "/api/v1/orgs/{orgId}/rates",
                     "/api/v1/orgs/{orgId}/timesheets", "/api/v1/orgs/{orgId}/audit-log" })
        {
            var list = paths.GetProperty(path).GetProperty("get");
            var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
            var limit = parameters["limit"].GetProperty("schema");
            Assert.True(limit.GetProperty("type").ToString() == "integer" && limit.GetProperty("minimum").GetInt32() == 1 && limit.GetProperty("maximum").GetInt32() == 200
                && limit.GetProperty("default").GetInt32() == 50, $"{path}: limit is {limit}");
            Assert.True(parameters.ContainsKey("cursor"), $"{path} has no cursor");
            var answer = list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
            var page = openApi.GetProperty("components").GetProperty("schemas").GetProperty(answer.Split('/')[^1]).GetProperty("properties");
            Assert.True(page.TryGetProperty("items", out _) && page.TryGetProperty("nextCursor", out _), $"{path} answers {page}");
        }
        foreach (var (method, path) in new[] { ("get", "/api/v1/orgs/{id}/invitations"), ("post", "/api/v1/orgs/{id}/invitations"), ("delete", "/api/v1/orgs/{id}/invitations/{invitationId}"),
                     ("post", "/api/v1/orgs/{id}/invitations/{invitationId}/resend"), ("get", "/api/v1/orgs/{id}/seats") })
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"OpenAPI lacks {method.ToUpperInvariant()} {path}");
        // Personal API tokens (docs/api.md): each operation says which scope a token needs, or that it takes none.
        foreach (var (method, path, scope) in new[] { ("get", "/api/v1/orgs/{orgId}/time-entries", "read"), ("post", "/api/v1/orgs/{orgId}/time-entries", "write"),
                     ("post", "/api/v1/orgs/{orgId}/clients", "admin"), ("get", "/api/v1/me", null), ("post", "/api/v1/me/api-tokens", null) })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Equal(scope, operation.TryGetProperty("x-api-token-scope", out var declared) ? declared.GetString() : null);
            Assert.Contains("Personal API tokens", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

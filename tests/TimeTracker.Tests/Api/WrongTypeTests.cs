using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TimeTracker.Tests.Api;

/// <summary>
/// A body or query value of the wrong type is a 400 that names the field and says what it must be in JSON's words,
/// never in .NET's (no System.Int64, no Nullable, no record of ours).
/// </summary>
public sealed partial class WrongTypeTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData("/time-entries", """{"projectId": "abc"}""", "projectId", "'projectId' must be an integer.")]
    [InlineData("/time-entries", """{"billable": 3}""", "billable", "'billable' must be true or false.")]
    [InlineData("/time-entries", """{"tags": "x"}""", "tags", "'tags' must be an array.")]
    [InlineData("/time-entries", """{"tags": ["a", 1]}""", "tags[1]", "'tags[1]' must be a string.")]
    [InlineData("/time-entries", """{"startedAt": 5}""", "startedAt", "'startedAt' must be a string.")]
    [InlineData("/projects", """{"name": "P", "hourlyRate": "ten"}""", "hourlyRate", "'hourlyRate' must be a number.")]
    [InlineData("/projects", """{"name": "P", "clientId": 1.5}""", "clientId", "'clientId' must be an integer.")]
    [InlineData("/invoices", """{"clientId": true}""", "clientId", "'clientId' must be an integer.")]
    [InlineData("/timer/start", """{"projectId": {}}""", "projectId", "'projectId' must be an integer.")]
    public async Task A_body_value_of_the_wrong_type_is_a_400_on_that_field_in_JSONs_words(string route, string body, string field, string message)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();
        var organization = await api.OrganizationAsync(owner, "Types");

        var problem = await RefusedAsync(api, HttpMethod.Post, $"/api/v1/orgs/{organization}{route}", body, owner.Token);

        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/orgs", """{"name": {}}""", "'name' must be a string.")]
    [InlineData("/api/v1/auth/login", """{"email": [], "password": "x"}""", "'email' must be a string.")]
    [InlineData("/api/v1/auth/register", """{"email": "a@example.test", "password": 12, "name": "A"}""", "'password' must be a string.")]
    public async Task Outside_the_organizations_routes_too(string route, string body, string message)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var user = await api.SignedInAsync();

        var problem = await RefusedAsync(api, HttpMethod.Post, route, body, user.Token);

        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    public async Task A_body_that_is_not_an_object_says_so(string body)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();
        var organization = await api.OrganizationAsync(owner, "Types");

        var problem = await RefusedAsync(api, HttpMethod.Post, $"/api/v1/orgs/{organization}/projects", body, owner.Token);

        Assert.StartsWith("The body must be a JSON object", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/time-entries?userId=abc", "userId", "'userId' must be an integer; 'abc' is not.")]
    [InlineData("/time-entries?billable=maybe", "billable", "'billable' must be true or false; 'maybe' is not.")]
    [InlineData("/clients?includeArchived=yes", "includeArchived", "'includeArchived' must be true or false; 'yes' is not.")]
    [InlineData("/projects?clientId=1.5", "clientId", "'clientId' must be an integer; '1.5' is not.")]
    [InlineData("/clients?limit=abc", "limit", "'limit' must be a whole number from 1 to 200 (default 50); 'abc' is not.")]
    public async Task A_query_value_of_the_wrong_type_is_a_400_on_that_parameter(string route, string parameter, string message)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();
        var organization = await api.OrganizationAsync(owner, "Types");

        var problem = await RefusedAsync(api, HttpMethod.Get, $"/api/v1/orgs/{organization}{route}", null, owner.Token);

        Assert.Equal("The request is invalid", problem.GetProperty("title").GetString());
        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Malformed_JSON_still_says_where_it_broke()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();

        var problem = await RefusedAsync(api, HttpMethod.Post, "/api/v1/orgs", """{"name": """, owner.Token);

        Assert.Equal("The request could not be read", problem.GetProperty("title").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("$.name", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Sends the request, checks it is a 400 problem that names no .NET type, and returns the problem.</summary>
    private static async Task<JsonElement> RefusedAsync(TestApi api, HttpMethod method, string path, string? body, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Authorization = new("Bearer", token);
        var response = await api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.DoesNotMatch(NetTypeName(), problem.GetProperty("detail").GetString() ?? "");
        Assert.DoesNotMatch(NetTypeName(), text);
        return problem;
    }

    [GeneratedRegex(@"System\.|TimeTracker\.|Int64|Int32|DateOnly|Nullable|`\d")]
    private static partial Regex NetTypeName();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Web.Endpoints;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Every route of the API is under <c>/api/v1</c> (docs/api.md, "Base path"), so that the web app can own <c>/</c>;
/// <c>/health</c> and the OpenAPI document stay at the root. The group changes the paths and nothing else.
/// </summary>
public sealed class ApiPrefixTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly string[] PublicRoutes =
    [
        "POST /api/v1/auth/register", "POST /api/v1/auth/verify-email", "POST /api/v1/auth/verify-email/resend",
        "POST /api/v1/auth/login", "POST /api/v1/auth/login/2fa", "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
        "POST /api/v1/auth/password-reset", "POST /api/v1/auth/password-reset/confirm", "POST /api/v1/webhooks/stripe",
    ];

    [Fact]
    public async Task An_unknown_path_under_api_and_every_old_path_are_404_problems_never_redirects()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        await NotFoundAsync(await api.GetAsync("/api/v1/no/such/route"));
        await NotFoundAsync(await api.GetAsync("/api/v2/me"));
        await NotFoundAsync(await api.GetAsync("/api"));
        // A redirect would make a client send a POST's body (a password, a Stripe event) a second time, elsewhere.
        foreach (var old in new[] { "/auth/login", "/auth/register", "/auth/refresh", "/invitations/accept", "/orgs", "/webhooks/stripe" })
            await NotFoundAsync(await api.PostAsync(old, new { email = "someone@example.test", password = TestUsers.Password }));
        await NotFoundAsync(await api.GetAsync("/me"));
        await NotFoundAsync(await api.GetAsync("/orgs/1/time-entries"));
    }

    [Fact]
    public async Task Health_and_the_openapi_document_stay_at_the_root_and_the_document_names_only_api_v1_routes()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
        await NotFoundAsync(await api.GetAsync("/api/v1/health"));
        var document = await api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.All(paths.Where(p => p != "/health"), p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Contains("/api/v1/webhooks/stripe", paths);
        Assert.Contains("/api/v1/invitations/accept", paths);
        Assert.Contains("/health", paths);
    }

    [Fact]
    public async Task Under_the_group_every_route_keeps_its_sign_in_requirement_rate_limit_and_body_limit()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (Route: $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}", Endpoint: e)))
            .ToDictionary(r => r.Route, r => r.Endpoint);

        Assert.True(routes.Count >= 60, $"only {routes.Count} routes under /api/v1: {string.Join(", ", routes.Keys)}");
        Assert.All(PublicRoutes, route => Assert.True(routes.ContainsKey(route), $"{route} is not under /api/v1"));
        foreach (var (route, endpoint) in routes)
        {
            var signedIn = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            Assert.True(signedIn != PublicRoutes.Contains(route), $"{route}: signed in is {signedIn}");

            var policy = endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            var expectedPolicy = route == "POST /api/v1/auth/refresh" ? AccountEndpoints.RefreshRateLimitPolicy
                : route.Contains(" /api/v1/auth/", StringComparison.Ordinal) ? AccountEndpoints.RateLimitPolicy : null;
            Assert.True(policy == expectedPolicy, $"{route}: rate limit policy {policy ?? "none"}, expected {expectedPolicy ?? "none"}");

            // The webhook reads Stripe's larger events against its own limit (Stripe:MaxPayloadBytes).
            var bodyLimit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            var expectedLimit = route == "POST /api/v1/webhooks/stripe" ? null : (long?)AccountEndpoints.MaxBodyBytes;
            Assert.True(bodyLimit == expectedLimit, $"{route}: body limit {bodyLimit}");
        }
    }

    private static async Task NotFoundAsync(HttpResponseMessage response)
    {
        var request = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}";
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request}: {(int)response.StatusCode}");
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(StatusCodes.Status404NotFound, problem.GetProperty("status").GetInt32());
        Assert.Contains(response.RequestMessage.RequestUri.AbsolutePath, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

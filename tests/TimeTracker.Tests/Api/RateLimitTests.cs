using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TimeTracker.Tests.Api;

/// <summary>The rate limit of <c>/auth/*</c> is counted per client address: one noisy address does not lock the others out.</summary>
public sealed class RateLimitTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string ResetBody = "{\"email\":\"someone@example.test\"}";

    [Fact]
    public async Task An_address_that_used_up_its_permits_gets_429_while_another_address_is_still_served()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Auth:PermitLimit"] = "2" });
        var noisy = IPAddress.Parse("203.0.113.7");
        var quiet = IPAddress.Parse("198.51.100.20");

        for (var i = 0; i < 2; i++)
            Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, noisy, "/auth/password-reset", ResetBody)).Response.StatusCode);
        var limited = await PostFromAsync(api, noisy, "/auth/password-reset", ResetBody);

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.Equal("application/problem+json", limited.Response.ContentType?.Split(';')[0]);
        var problem = JsonDocument.Parse(await new StreamReader(limited.Response.Body).ReadToEndAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("more than 2 requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, quiet, "/auth/password-reset", ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, quiet, "/auth/password-reset", ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await PostFromAsync(api, noisy, "/auth/password-reset", ResetBody)).Response.StatusCode);
    }

    /// <summary>A JSON POST that reaches the application as if sent from <paramref name="address"/>.</summary>
    private static Task<HttpContext> PostFromAsync(TestApi api, IPAddress address, string path, string json) =>
        api.Server.SendAsync(context =>
        {
            var body = Encoding.UTF8.GetBytes(json);
            context.Connection.RemoteIpAddress = address;
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = path;
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
            // What TestServer's own client sets for a request with content; without it the endpoint reads no body.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(true));
        });

    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;
}

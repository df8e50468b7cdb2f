using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The rate limits of <c>/auth/*</c>: per client address (IPv6 by /64, behind a trusted proxy the forwarded one), a
/// separate one for refresh, and one per email address for sign-in, reset and resend.
/// </summary>
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
            Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, noisy, "/api/v1/auth/password-reset", ResetBody)).Response.StatusCode);
        var limited = await PostFromAsync(api, noisy, "/api/v1/auth/password-reset", ResetBody);

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.Equal("application/problem+json", limited.Response.ContentType?.Split(';')[0]);
        var problem = JsonDocument.Parse(await new StreamReader(limited.Response.Body).ReadToEndAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("more than 2 requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, quiet, "/api/v1/auth/password-reset", ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, quiet, "/api/v1/auth/password-reset", ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await PostFromAsync(api, noisy, "/api/v1/auth/password-reset", ResetBody)).Response.StatusCode);
    }

    [Fact]
    public async Task Ipv6_clients_are_counted_by_their_64_so_rotating_addresses_inside_it_does_not_escape_the_limit()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Auth:PermitLimit"] = "2" });

        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "2001:db8:1:2::1"));
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "2001:db8:1:2:abcd::7"));
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "2001:db8:1:3::1"));
        // An IPv4 client seen on a dual-stack socket is the same client as on IPv4.
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "::ffff:192.0.2.1"));
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "192.0.2.1"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "192.0.2.1"));
    }

    [Fact]
    public async Task X_forwarded_for_names_the_client_only_when_a_known_proxy_or_network_sent_it()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string>
        {
            ["RateLimiting:Auth:PermitLimit"] = "1",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
            ["ForwardedHeaders:KnownNetworks:0"] = "172.16.0.0/12",
        });

        // Two clients behind the proxy, each with a bucket of its own.
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "10.0.0.1", "203.0.113.5"));
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "172.20.1.1", "203.0.113.6"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "10.0.0.1", "203.0.113.5"));
        // What a client writes in front of the proxy's own entry is not read: the proxy appended the real address.
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "10.0.0.1", "198.51.100.77, 203.0.113.6"));
        // A stranger's header is ignored: it is counted under its own address, whatever it claims.
        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "198.51.100.9", "203.0.113.200"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "198.51.100.9", "203.0.113.201"));
    }

    [Fact]
    public async Task Without_configured_proxies_even_loopback_cannot_choose_its_address()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Auth:PermitLimit"] = "1" });

        Assert.Equal(StatusCodes.Status202Accepted, await StatusFromAsync(api, "127.0.0.1", "203.0.113.5"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await StatusFromAsync(api, "127.0.0.1", "203.0.113.6"));
    }

    [Fact]
    public async Task Refresh_has_its_own_higher_limit_so_sign_in_attempts_from_the_same_address_do_not_starve_it()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string>
        {
            ["RateLimiting:Auth:PermitLimit"] = "2",
            ["RateLimiting:Refresh:PermitLimit"] = "3",
        });
        var office = IPAddress.Parse("203.0.113.50");
        for (var i = 0; i < 2; i++)
            await PostFromAsync(api, office, "/api/v1/auth/password-reset", ResetBody);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await PostFromAsync(api, office, "/api/v1/auth/password-reset", ResetBody)).Response.StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(api, office, "/api/v1/auth/refresh", "{\"refreshToken\":\"not-a-token\"}")).Response.StatusCode);
        var limited = await PostFromAsync(api, office, "/api/v1/auth/refresh", "{\"refreshToken\":\"not-a-token\"}");

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.Contains("more than 3 token refreshes", await DetailAsync(limited), StringComparison.Ordinal);
        Assert.True(int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Sign_ins_for_one_email_address_are_limited_across_client_addresses_alike_for_existing_and_missing_accounts(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Account:PermitLimit"] = "2" });
        var existing = await api.CreateVerifiedAccountAsync("correct horse battery staple");

        foreach (var address in new[] { existing, "nobody-" + Guid.NewGuid().ToString("N") + "@example.test" })
        {
            var wrong = $"{{\"email\":\"{address}\",\"password\":\"wrong password 123\"}}";
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(api, IPAddress.Parse("203.0.113.1"), "/api/v1/auth/login", wrong)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(api, IPAddress.Parse("198.51.100.2"), "/api/v1/auth/login", wrong.Replace(address, " " + address.ToUpperInvariant(), StringComparison.Ordinal))).Response.StatusCode);
            var limited = await PostFromAsync(api, IPAddress.Parse("192.0.2.3"), "/api/v1/auth/login", wrong);

            Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
            Assert.Equal("More than 2 requests of this kind were made for this email address within 900 seconds, from any client. Wait and try again.", await DetailAsync(limited));
        }
        // Other addresses, and the reset and resend of the same address, have buckets of their own.
        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, IPAddress.Parse("192.0.2.3"), "/api/v1/auth/password-reset", $"{{\"email\":\"{existing}\"}}")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, IPAddress.Parse("192.0.2.3"), "/api/v1/auth/verify-email/resend", $"{{\"email\":\"{existing}\"}}")).Response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/auth/password-reset")]
    [InlineData("/api/v1/auth/verify-email/resend")]
    public async Task Reset_and_resend_requests_for_one_email_address_are_limited_across_client_addresses(string path)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["RateLimiting:Account:PermitLimit"] = "2" });

        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, IPAddress.Parse("203.0.113.1"), path, ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, (await PostFromAsync(api, IPAddress.Parse("203.0.113.2"), path, ResetBody)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await PostFromAsync(api, IPAddress.Parse("203.0.113.3"), path, ResetBody)).Response.StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "not a network in CIDR notation")]
    [InlineData("RateLimiting:Refresh:PermitLimit", "0", "RateLimiting:Refresh:PermitLimit must be at least 1")]
    public async Task An_unusable_proxy_or_limit_setting_stops_the_start_naming_it(string key, string value, string expected)
    {
        var refused = await Assert.ThrowsAsync<TimeTracker.Hosting.ApiConfigurationException>(() => TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { [key] = value }));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<int> StatusFromAsync(TestApi api, string address, string? forwardedFor = null) =>
        (await PostFromAsync(api, IPAddress.Parse(address), "/api/v1/auth/password-reset", "{\"email\":\"someone-" + Guid.NewGuid().ToString("N") + "@example.test\"}", forwardedFor)).Response.StatusCode;

    private static async Task<string?> DetailAsync(HttpContext response) =>
        JsonDocument.Parse(await new StreamReader(response.Response.Body).ReadToEndAsync()).RootElement.GetProperty("detail").GetString();

    /// <summary>The JSON text <paramref name="json"/> POSTed as if sent from <paramref name="address"/>, with an X-Forwarded-For when given.</summary>
    private static Task<HttpContext> PostFromAsync(TestApi api, IPAddress address, string path, string json, string? forwardedFor = null) =>
        api.PostFromAsync(address, path, JsonDocument.Parse(json).RootElement, forwardedFor);
}

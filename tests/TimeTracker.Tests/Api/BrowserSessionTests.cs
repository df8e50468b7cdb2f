using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The browser sign-in mode over HTTP, on both dialects: with <c>X-TimeTracker-Session: cookie</c> the refresh token is an
/// HttpOnly, SameSite=Strict cookie on the auth path that no JSON answer carries; refresh and sign-out by cookie need the
/// header (CSRF); rotation and reuse detection work as for scripts; without the header nothing changes.
/// </summary>
public sealed class BrowserSessionTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Header = "X-TimeTracker-Session";
    private const string Cookie = "timetracker_refresh";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_browser_sign_in_sets_an_HttpOnly_SameSite_Strict_cookie_on_the_auth_path_and_its_answer_has_no_refresh_token(
        string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);

        var response = await SendAsync(api, "/api/v1/auth/login", new { email = address, password = TestUsers.Password }, browser: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = SetCookie(response);
        Assert.Equal(Cookie, cookie.Name);
        Assert.Equal(43, cookie.Value.Length);
        Assert.Equal(["httponly", "max-age=1209600", "path=/api/v1/auth", "samesite=strict"], cookie.Attributes);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["accessToken", "expiresIn", "tokenType"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(cookie.Value, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", body.GetProperty("accessToken").GetString())).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_cookie_is_Secure_when_a_trusted_proxy_says_the_client_used_https_and_only_then(string dialect)
    {
        var proxy = new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5" };
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, proxy);
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);
        var login = new { email = address, password = TestUsers.Password };

        var headers = new Dictionary<string, string> { [Header] = "cookie", ["X-Forwarded-Proto"] = "https" };
        var proxied = await api.PostFromAsync(IPAddress.Parse("10.0.0.5"), "/api/v1/auth/login", login, forwardedFor: "198.51.100.4", headers);
        var spoofed = await api.PostFromAsync(IPAddress.Parse("192.0.2.7"), "/api/v1/auth/login", login, forwardedFor: null, headers);

        Assert.Equal(StatusCodes.Status200OK, proxied.Response.StatusCode);
        Assert.Contains("secure", Parse(proxied.Response.Headers.SetCookie.ToString()).Attributes);
        Assert.Equal(StatusCodes.Status200OK, spoofed.Response.StatusCode);
        Assert.DoesNotContain("secure", Parse(spoofed.Response.Headers.SetCookie.ToString()).Attributes);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Refresh_by_cookie_rotates_it_and_presenting_the_old_cookie_again_ends_the_sign_in(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var first = await BrowserSignInAsync(api);

        var refreshed = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: first);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = SetCookie(refreshed);
        Assert.Equal(Cookie, second.Name);
        Assert.NotEqual(first, second.Value);
        Assert.Equal(["httponly", "max-age=1209600", "path=/api/v1/auth", "samesite=strict"], second.Attributes);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", body.GetProperty("accessToken").GetString())).StatusCode);

        var reused = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: first);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var family = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: second.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, family.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Refresh_and_logout_by_cookie_without_the_session_header_are_403_and_change_nothing(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var cookie = await BrowserSignInAsync(api);

        foreach (var path in new[] { "/api/v1/auth/refresh", "/api/v1/auth/logout" })
        {
            var refused = await SendAsync(api, path, new { }, browser: false, cookie: cookie);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Empty(refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Session header missing", problem.GetProperty("title").GetString());
            Assert.Contains("'X-TimeTracker-Session: cookie'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // Neither rotated nor revoked: the cookie still refreshes, once.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: cookie)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Logout_by_cookie_revokes_the_sign_in_and_deletes_the_cookie(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var first = await BrowserSignInAsync(api);
        var current = SetCookie(await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: first)).Value;

        var loggedOut = await SendAsync(api, "/api/v1/auth/logout", new { }, browser: true, cookie: current);

        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        AssertDeleted(SetCookie(loggedOut));
        var refused = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: current);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("already used", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Signing out again, the cookie gone, has nothing to end.
        var again = await SendAsync(api, "/api/v1/auth/logout", new { }, browser: true);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        AssertDeleted(SetCookie(again));
        var none = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("no timetracker_refresh cookie", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Signing_out_everywhere_from_the_browser_deletes_the_cookie_and_ends_its_sign_in(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);
        var signedIn = await SendAsync(api, "/api/v1/auth/login", new { email = address, password = TestUsers.Password }, browser: true);
        var cookie = SetCookie(signedIn).Value;
        var access = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();

        var ended = await SendAsync(api, "/api/v1/auth/logout-everywhere", null, browser: true, cookie: cookie, accessToken: access);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        AssertDeleted(SetCookie(ended));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: cookie)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Completing_a_two_factor_sign_in_from_the_browser_sets_the_cookie_too(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, _, backupCodes, _) = await TwoFactorTests.EnableTotpAsync(api);
        var challenge = await TwoFactorTests.ChallengeAsync(api, address);

        var completed = await SendAsync(api, "/api/v1/auth/login/2fa", new { challenge, backupCode = backupCodes[0] }, browser: true);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var cookie = SetCookie(completed);
        Assert.Equal(["httponly", "max-age=1209600", "path=/api/v1/auth", "samesite=strict"], cookie.Attributes);
        Assert.False((await completed.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("refreshToken", out _));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: cookie.Value)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Turning_two_factor_on_from_the_browser_replaces_the_cookie_and_keeps_the_browser_signed_in(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);
        var signedIn = await SendAsync(api, "/api/v1/auth/login", new { email = address, password = TestUsers.Password }, browser: true);
        var before = SetCookie(signedIn).Value;
        var access = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var setup = await (await SendAsync(api, "/api/v1/auth/2fa/setup", new { password = TestUsers.Password }, browser: true, accessToken: access))
            .Content.ReadFromJsonAsync<JsonElement>();
        var code = TwoFactorTests.Code(api, setup.GetProperty("secret").GetString()!);

        var enabled = await SendAsync(api, "/api/v1/auth/2fa/enable", new { password = TestUsers.Password, code }, browser: true, accessToken: access);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var after = SetCookie(enabled);
        Assert.Equal(["httponly", "max-age=1209600", "path=/api/v1/auth", "samesite=strict"], after.Attributes);
        var body = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal(10, body.GetProperty("backupCodes").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", body.GetProperty("accessToken").GetString())).StatusCode);
        // The new cookie goes on; turning 2FA on ended every other sign-in, the old cookie's included.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: after.Value)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: true, cookie: before)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Without_the_session_header_scripts_get_their_tokens_in_JSON_and_no_cookie_as_before(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);

        var signedIn = await SendAsync(api, "/api/v1/auth/login", new { email = address, password = TestUsers.Password }, browser: false);
        var refresh = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        var refreshed = await SendAsync(api, "/api/v1/auth/refresh", new { refreshToken = refresh }, browser: false);
        var next = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        var loggedOut = await SendAsync(api, "/api/v1/auth/logout", new { refreshToken = next }, browser: false);
        var missing = await SendAsync(api, "/api/v1/auth/refresh", new { }, browser: false);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        foreach (var answer in new[] { signedIn, refreshed, loggedOut, missing })
            Assert.False(answer.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("refreshToken", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record SetCookieHeader(string Name, string Value, string[] Attributes);

    private static async Task<string> BrowserSignInAsync(TestApi api)
    {
        var address = await api.CreateVerifiedAccountAsync(TestUsers.Password);
        var response = await SendAsync(api, "/api/v1/auth/login", new { email = address, password = TestUsers.Password }, browser: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SetCookie(response).Value;
    }

    private static Task<HttpResponseMessage> SendAsync(TestApi api, string path, object? body, bool browser, string? cookie = null,
        string? accessToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (browser)
            request.Headers.Add(Header, "cookie");
        if (cookie is not null)
            request.Headers.Add("Cookie", $"{Cookie}={cookie}");
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return api.Client.SendAsync(request);
    }

    private static SetCookieHeader SetCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), "The answer sets no cookie.");
        return Parse(Assert.Single(values));
    }

    private static SetCookieHeader Parse(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var at = parts[0].IndexOf('=', StringComparison.Ordinal);
        return new SetCookieHeader(parts[0][..at], parts[0][(at + 1)..],
            [.. parts.Skip(1).Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)]);
    }

    private static void AssertDeleted(SetCookieHeader cookie)
    {
        Assert.Equal(Cookie, cookie.Name);
        Assert.Equal("", cookie.Value);
        Assert.Equal(["expires=thu, 01 jan 1970 00:00:00 gmt", "httponly", "path=/api/v1/auth", "samesite=strict"], cookie.Attributes);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using TimeTracker.Tests.Api;
using TimeTracker.Web.App;

namespace TimeTracker.Tests.WebApp;

/// <summary>
/// <c>timetracker serve</c> serves the embedded web app at <c>/</c> (docs/api.md, "The web app"): hashed assets cached
/// forever, index.html revalidated, client routes answered with index.html for a browser, never for <c>/api/…</c>,
/// unknown files a real 404, and a strict Content-Security-Policy with the usual security headers on every answer.
/// </summary>
public sealed partial class WebAppServingTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    /// <summary>What Chromium sends when it navigates.</summary>
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Theory]
    [InlineData("/")]
    [InlineData("/verify-email?token=abc")]
    [InlineData("/reset-password?token=abc")]
    [InlineData("/accept-invitation?token=abc")]
    [InlineData("/orgs/42/billing")]
    [InlineData("/sign-in")]
    [InlineData("/no/such/page")]
    public async Task The_email_links_and_every_client_route_return_the_app_to_a_browser(string path)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        using var response = await NavigateAsync(api.Client, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_as_immutable_with_their_media_type()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var index = await (await NavigateAsync(api.Client, "/")).Content.ReadAsStringAsync();
        var assets = AssetReference().Matches(index).Select(match => match.Groups["path"].Value).ToList();
        Assert.Contains(assets, path => path.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, path => path.EndsWith(".css", StringComparison.Ordinal));

        foreach (var path in assets)
        {
            using var response = await api.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            var expected = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "image/svg+xml";
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("/assets/nope.js")]
    [InlineData("/assets/chunk-that-was-deployed-away")]
    [InlineData("/favicon-nope.png")]
    [InlineData("/robots.txt")]
    public async Task An_unknown_asset_or_file_is_a_real_404_not_the_app(string path)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        using var response = await NavigateAsync(api.Client, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/no/such/route")]
    [InlineData("/api/v2/me")]
    [InlineData("/api")]
    [InlineData("/api/v1/auth/verify-email")]
    public async Task Api_paths_never_fall_back_to_the_app_even_for_a_browser(string path)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        using var response = await NavigateAsync(api.Client, path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_script_asking_for_a_client_route_gets_the_404_problem_and_other_methods_are_not_answered_with_the_app()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        // API clients (no text/html in Accept) keep getting problems for paths that are not theirs, as before the app.
        using var json = await api.GetAsync("/orgs/1/billing");
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);

        using var post = await api.PostAsync("/sign-in", new { email = "someone@example.test" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task The_api_and_its_document_are_unchanged_by_the_app()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        using var health = await NavigateAsync(api.Client, "/health");
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        using var document = await NavigateAsync(api.Client, "/openapi/v1.json");
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        using var me = await NavigateAsync(api.Client, "/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/reset-password?token=abc")]
    [InlineData("/index.html")]
    public async Task Every_page_carries_a_strict_content_security_policy_and_the_security_headers(string path)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        using var response = await NavigateAsync(api.Client, path);

        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'self' data:", policy["img-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.DoesNotContain(policy.Values, value => value.Contains("unsafe", StringComparison.Ordinal));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP");
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_app_is_served_over_https()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        using var https = api.Server.CreateClient();
        https.BaseAddress = new Uri("https://app.example.test/");

        using var page = await NavigateAsync(https, "/sign-in");
        using var asset = await https.GetAsync(AssetReference().Match(await page.Content.ReadAsStringAsync()).Groups["path"].Value);

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(page, "Strict-Transport-Security"));
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(asset, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_built_page_has_no_inline_script_or_style_for_the_policy_to_block()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var index = await (await NavigateAsync(api.Client, "/")).Content.ReadAsStringAsync();

        Assert.DoesNotMatch(InlineScript(), index);
        Assert.DoesNotContain("<style", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineHandler(), index);
    }

    [Fact]
    public async Task A_revalidation_with_the_etag_is_answered_304_without_the_page()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        using var first = await NavigateAsync(api.Client, "/verify-email?token=abc");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/sign-up");
        request.Headers.Accept.ParseAdd(BrowserAccept);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> NavigateAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(BrowserAccept);
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{name} is missing");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "");

    [GeneratedRegex("""(?:src|href)="(?<path>/assets/[^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AssetReference();

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}

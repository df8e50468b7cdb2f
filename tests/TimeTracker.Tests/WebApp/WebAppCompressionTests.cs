using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.WebApp;

/// <summary>
/// The web app's text files cross the wire compressed (docs/api.md, "The web app"): the build writes a Brotli and a
/// gzip form beside each one, and the server picks by <c>Accept-Encoding</c>, so no request pays for compressing.
/// </summary>
public sealed partial class WebAppCompressionTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0.5", "gzip")]
    [InlineData("*", "br")]
    [InlineData("identity", null)]
    [InlineData(null, null)]
    public async Task The_largest_script_is_sent_in_the_best_coding_the_client_accepts_and_decodes_to_the_same_bytes(
        string? acceptEncoding, string? expected)
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var script = await LargestScriptAsync(api.Client);
        var original = await (await api.Client.GetAsync(script)).Content.ReadAsByteArrayAsync();

        using var response = await GetAsync(api.Client, script, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(original, Decode(body, expected));
        if (expected is not null)
            Assert.True(body.Length < original.Length / 2, $"{expected}: {body.Length} of {original.Length} bytes");
    }

    [Fact]
    public async Task Each_coding_has_its_own_etag_and_revalidates_to_304()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var script = await LargestScriptAsync(api.Client);
        using var brotli = await GetAsync(api.Client, script, "br");
        using var gzip = await GetAsync(api.Client, script, "gzip");
        using var plain = await GetAsync(api.Client, script, null);
        var tags = new[] { brotli, gzip, plain }.Select(r => r.Headers.ETag?.Tag).ToList();
        Assert.Equal(3, tags.Distinct().Count());

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("br");
        request.Headers.IfNoneMatch.Add(brotli.Headers.ETag!);
        using var revalidated = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        // The gzip form's tag does not validate the Brotli answer: a cache must not serve one for the other.
        using var mismatched = new HttpRequestMessage(HttpMethod.Get, script);
        mismatched.Headers.AcceptEncoding.ParseAdd("br");
        mismatched.Headers.IfNoneMatch.Add(gzip.Headers.ETag!);
        using var full = await api.Client.SendAsync(mismatched);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public async Task The_compressed_files_are_not_served_under_their_own_names()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var script = await LargestScriptAsync(api.Client);

        using var brotli = await api.Client.GetAsync(script + ".br");
        using var gzip = await api.Client.GetAsync(script + ".gz");

        Assert.Equal(HttpStatusCode.NotFound, brotli.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gzip.StatusCode);
    }

    private static async Task<string> LargestScriptAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        var index = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        var scripts = ScriptReference().Matches(index).Select(m => m.Groups["path"].Value).ToList();
        Assert.NotEmpty(scripts);
        var sizes = new List<(string Path, long Size)>();
        foreach (var path in scripts)
            sizes.Add((path, (await client.GetByteArrayAsync(path)).Length));
        return sizes.MaxBy(s => s.Size).Path;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return client.SendAsync(request);
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        if (encoding is null)
            return body;
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("""(?:src|href)="(?<path>/assets/[^"]+\.js)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ScriptReference();
}

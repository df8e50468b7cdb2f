using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>
/// <c>timetracker serve</c> behind a real nginx: each client behind the proxy is counted under its own address,
/// an X-Forwarded-For from anyone but the proxy is ignored, refresh has its own limit, and the limit per email
/// address holds across addresses.
/// </summary>
public sealed class ReverseProxyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "timetracker-proxy-" + Guid.NewGuid().ToString("N"));

    public ReverseProxyTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public async Task Behind_nginx_clients_get_separate_buckets_spoofed_headers_are_ignored_refresh_is_not_starved_and_the_account_limit_spans_addresses()
    {
        var apiPort = ServeProcess.FreePort();
        using var server = ServeProcess.Start(_directory, new Dictionary<string, string?>
        {
            ["Jwt__SigningKey"] = ServeProcess.NewSigningKey(),
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["RateLimiting__Auth__PermitLimit"] = "2",
            ["RateLimiting__Refresh__PermitLimit"] = "5",
            ["RateLimiting__Account__PermitLimit"] = "3",
        }, "serve", "--migrate", "-d", "sqlite:///" + Path.Combine(_directory, "app.db"), "--urls", $"http://127.0.0.1:{apiPort}");
        try
        {
            await using var proxy = await NginxTestProxy.StartAsync(apiPort);
            // The health checks come from 127.0.0.1, the proxy's own address, which no test client below uses.
            using (var health = From("127.0.0.1", apiPort))
                await ServeProcess.WaitForHealthAsync(health, server);
            using var alice = From("127.0.0.2", proxy.Port);
            using var bob = From("127.0.0.3", proxy.Port);

            // Alice uses up her address's permits; Bob, behind the same proxy, still has his.
            Assert.Equal(HttpStatusCode.Accepted, await ResetAsync(alice));
            Assert.Equal(HttpStatusCode.Accepted, await ResetAsync(alice));
            var limited = await alice.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = Someone() });
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Contains("This address sent more than 2 requests to the sign-in endpoints", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Accepted, await ResetAsync(bob));

            // Alice claims to be someone else: nginx appends her real address, and only that is read.
            Assert.Equal(HttpStatusCode.TooManyRequests, await ResetAsync(alice, forwardedFor: "203.0.113.9"));
            // Refresh is counted apart: the sign-in storm from Alice's address does not lock her sessions out.
            Assert.Equal(HttpStatusCode.Unauthorized, (await alice.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" })).StatusCode);

            // A client reaching the server directly is not a known proxy: whatever X-Forwarded-For it sends, it is itself.
            using var mallory = From("127.0.0.4", apiPort);
            Assert.Equal(HttpStatusCode.Accepted, await ResetAsync(mallory, forwardedFor: "198.51.100.1"));
            Assert.Equal(HttpStatusCode.Accepted, await ResetAsync(mallory, forwardedFor: "198.51.100.2"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await ResetAsync(mallory, forwardedFor: "198.51.100.3"));

            // One account guessed at from many addresses: the fourth sign-in for it is refused, from a fresh address.
            const string victim = "victim@example.test";
            for (var i = 0; i < 3; i++)
            {
                using var guesser = From($"127.0.1.{i + 1}", proxy.Port);
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/v1/auth/login", new { email = victim, password = "guess number " + i })).StatusCode);
            }
            using var fourth = From("127.0.1.9", proxy.Port);
            var refused = await fourth.PostAsJsonAsync("/api/v1/auth/login", new { email = victim, password = "guess number 4" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("for this email address", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await ServeProcess.StopAsync(server);
        }
    }

    private static string Someone() => $"someone-{Guid.NewGuid():N}@example.test";

    private static async Task<HttpStatusCode> ResetAsync(HttpClient client, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password-reset") { Content = JsonContent.Create(new { email = Someone() }) };
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any of 127.0.0.0/8 is this machine), to 127.0.0.1:<paramref name="port"/>.</summary>
    private static HttpClient From(string localAddress, int port) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TimeTracker.Tests.Cli;
using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Api;

/// <summary>The real executable: <c>timetracker serve</c> on a port, its start-up policy, and a whole sign-up through it.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "timetracker-serve-" + Guid.NewGuid().ToString("N"));

    public ServeProcessTests() => Directory.CreateDirectory(_directory);

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

    private string DatabaseUrl => "sqlite:///" + Path.Combine(_directory, "app.db");

    [Fact]
    public async Task Serve_without_a_signing_key_exits_2_naming_the_setting()
    {
        var result = await TimeTrackerProcess.RunAsync(_directory, new Dictionary<string, string?> { ["Jwt__SigningKey"] = null }, "serve", "-d", DatabaseUrl);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Jwt:SigningKey is not set", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "app.db")), "serve created the database before refusing");
    }

    [Fact]
    public async Task Serve_on_a_database_behind_head_exits_1_and_says_to_upgrade_or_migrate()
    {
        (await TimeTrackerProcess.RunAsync(_directory, null, "db", "upgrade", "019", "-d", DatabaseUrl)).ShouldExitWith(0);

        var result = await TimeTrackerProcess.RunAsync(_directory, Key(), "serve", "-d", DatabaseUrl, "--urls", $"http://127.0.0.1:{ServeProcess.FreePort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the database is at 019, but this build needs {ExpectedChain.Head} (head)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("serve --migrate", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_migrate_upgrades_then_serves_a_whole_sign_up_with_the_link_in_the_log_when_asked_and_stops_cleanly()
    {
        var port = ServeProcess.FreePort();
        var environment = Key();
        environment["Email__LogLinks"] = "true";
        using var server = ServeProcess.Start(_directory, environment, "serve", "--migrate", "-d", DatabaseUrl, "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await ServeProcess.WaitForHealthAsync(http, server);
            const string password = "correct horse battery staple";
            var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = "proc@example.test", password, name = "Proc" });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

            // No SMTP server configured, and the development setting asks for links: the email, link included, goes to logs/timetracker.log.
            var token = await TokenFromLogAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
            var tokens = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "proc@example.test", password })).Content.ReadFromJsonAsync<JsonElement>();
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            me.Headers.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
            var profile = await (await http.SendAsync(me)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(profile.GetProperty("emailVerified").GetBoolean());

            // Kestrel stops reading a chunked body (no declared length) at the endpoint's limit.
            var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"email\":\"" + new string('a', 40_000) + "\"}")));
            chunked.Headers.ContentType = new("application/json");
            using var oversized = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password-reset") { Content = chunked };
            oversized.Headers.TransferEncodingChunked = true;
            var tooLarge = await http.SendAsync(oversized);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(timeout.Token);
        }
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("/api/v1/auth/register", await File.ReadAllTextAsync(Path.Combine(_directory, "logs", "timetracker.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_configured_only_by_environment_variables_sends_the_verification_email_through_smtp()
    {
        await using var mail = await SmtpTestServer.StartAsync();
        var databasePath = Path.Combine(_directory, "from-env.db");
        var environment = Key();
        environment["DATABASE_URL"] = "sqlite:///" + databasePath;
        environment["Email__From"] = "Env Sender <sender@env.example.test>";
        environment["Email__Smtp__Host"] = mail.Host;
        environment["Email__Smtp__Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Email__Smtp__Security"] = "none";
        environment["Accounts__PublicUrl"] = "https://env.example.test";
        var port = ServeProcess.FreePort();
        using var server = ServeProcess.Start(_directory, environment, "serve", "--migrate", "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await ServeProcess.WaitForHealthAsync(http, server);
            var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = "env@example.test", password = "correct horse battery staple", name = "Env" });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

            var message = await mail.WaitForMessageToAsync("env@example.test", TimeSpan.FromSeconds(15), "Confirm your email");
            var sender = Assert.Single(message.From.Mailboxes);
            Assert.Equal("sender@env.example.test", sender.Address);
            Assert.Equal("Env Sender", sender.Name);
            var body = message.TextBody ?? "";
            const string link = "https://env.example.test/verify-email?token=";
            var start = body.IndexOf(link, StringComparison.Ordinal);
            Assert.True(start >= 0, $"The email has no {link} link:\n{body}");
            var end = body.IndexOfAny([' ', '\n', '\r'], start);
            var token = Uri.UnescapeDataString(body[(start + link.Length)..(end < 0 ? body.Length : end)]);
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
        }
        finally
        {
            await ServeProcess.StopAsync(server);
        }
        Assert.Equal(0, server.ExitCode);
        // The database is the one DATABASE_URL names, not the default in the working directory.
        Assert.True(File.Exists(databasePath), $"serve did not use DATABASE_URL: {databasePath} is missing");
        Assert.False(File.Exists(Path.Combine(_directory, "timetracker.db")), "serve created the default database despite DATABASE_URL");
        Assert.DoesNotContain("?token=", await File.ReadAllTextAsync(Path.Combine(_directory, "logs", "timetracker.log")), StringComparison.Ordinal);
    }

    private async Task<string> TokenFromLogAsync()
    {
        var log = Path.Combine(_directory, "logs", "timetracker.log");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            var start = text.IndexOf("/verify-email?token=", StringComparison.Ordinal);
            if (start >= 0)
            {
                start += "/verify-email?token=".Length;
                // The entry's line breaks are escaped (\n), so the link ends at a backslash as well.
                var end = text.IndexOfAny([' ', '\n', '\r', '\\'], start);
                return Uri.UnescapeDataString(text[start..end]);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No verification link appeared in {log}");
    }

    private static Dictionary<string, string?> Key() => new() { ["Jwt__SigningKey"] = ServeProcess.NewSigningKey() };
}

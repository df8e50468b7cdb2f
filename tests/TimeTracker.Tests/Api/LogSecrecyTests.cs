using System.Net;
using System.Net.Http.Json;
using TimeTracker.Email;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Api;

/// <summary>
/// What reaches <c>logs/timetracker.log</c> of the real executable: no secret setting, no emailed link, no forged
/// entry, and nobody but its owner may read it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogSecrecyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "timetracker-logs-" + Guid.NewGuid().ToString("N"));

    public LogSecrecyTests() => Directory.CreateDirectory(_directory);

    private string LogPath => Path.Combine(_directory, "logs", "timetracker.log");

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
    public async Task Secrets_on_the_command_line_emailed_links_and_forged_line_breaks_never_reach_the_log_which_only_its_owner_can_read()
    {
        var signingKey = ServeProcess.NewSigningKey();
        const string webhookSecret = "whsec_0123456789abcdefSECRET";
        const string smtpPassword = "smtp-hunter2-SECRET";
        var port = ServeProcess.FreePort();
        using var server = ServeProcess.Start(_directory, new Dictionary<string, string?>(),
            "serve", "--migrate", "-d", "sqlite:///" + Path.Combine(_directory, "app.db"), "--urls", $"http://127.0.0.1:{port}",
            $"--Jwt:SigningKey={signingKey}", $"--Stripe:WebhookSecrets:0={webhookSecret}", "--Email:Smtp:Password", smtpPassword);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await ServeProcess.WaitForHealthAsync(http, server);
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/auth/register", new { email = "logs@example.test", password = "correct horse battery staple", name = "Logs" })).StatusCode);
            // The request line is logged: a path with an encoded line break tries to write an entry of its own.
            await http.GetAsync("/nothing%0D%0A2026-01-01%2000:00:00.000Z%20[crit]%20(1)%20TimeTracker:%20FORGED");
            await WaitForLogAsync("Email (no SMTP server configured");
        }
        finally
        {
            await ServeProcess.StopAsync(server);
        }

        var log = await File.ReadAllTextAsync(LogPath);
        Assert.DoesNotContain(signingKey, log, StringComparison.Ordinal);
        Assert.DoesNotContain(webhookSecret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(smtpPassword, log, StringComparison.Ordinal);
        Assert.Contains("--Jwt:SigningKey=*** --Stripe:WebhookSecrets:0=*** --Email:Smtp:Password ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain("?token=", log, StringComparison.Ordinal);
        Assert.Contains(LogEmailSender.OmittedLink, log, StringComparison.Ordinal);
        Assert.Contains("FORGED", log, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Split('\n'), line => line.StartsWith("2026-01-01 00:00:00.000Z", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(LogPath)!));
    }

    [Fact]
    public async Task A_command_refused_for_bad_usage_masks_the_secret_settings_it_quotes_in_its_error_and_its_log()
    {
        const string secret = "a-signing-key-that-must-stay-SECRET-0123456789";

        var result = await TimeTrackerProcess.RunAsync(_directory, null, "db", "current", "--Jwt:SigningKey", secret, $"--Stripe:SecretKey={secret}x");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain(secret, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("***", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_file_an_older_version_left_readable_by_others_is_narrowed_to_its_owner()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        await File.WriteAllTextAsync(LogPath, "");
        File.SetUnixFileMode(LogPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        (await TimeTrackerProcess.RunAsync(_directory, null, "db", "heads")).ShouldExitWith(0);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogPath));
    }

    private async Task WaitForLogAsync(string text)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (File.Exists(LogPath) && (await File.ReadAllTextAsync(LogPath)).Contains(text, StringComparison.Ordinal))
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"'{text}' did not appear in {LogPath}");
    }
}

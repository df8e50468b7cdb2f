using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Billing;

/// <summary>The real executable killed while it processes an event: nothing of the attempt stays, and the event is done later, once.</summary>
public sealed class WorkerCrashTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>, IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_serve_process_killed_mid_event_leaves_it_processing_and_another_run_applies_it_once_after_the_lease()
    {
        var database = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);
        var now = Stored(DateTimeOffset.UtcNow);
        SqliteFile.Execute(database, $"""
            INSERT INTO users (email, name, created_at, updated_at) VALUES ('crash-owner@example.test', 'Owner', '{now}', '{now}');
            INSERT INTO organizations (name, slug, stripe_customer_id, created_at, updated_at) VALUES ('Crash', 'crash', 'cus_crash', '{now}', '{now}');
            INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (1, 1, 'owner', '{now}');
            """);
        // A mail server that accepts the connection and never answers: the worker hangs mid-event, its transaction open.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        var port = ServeProcess.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Jwt__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Stripe__WebhookSecrets__0"] = BillingApi.Secret,
            ["Billing__LeaseDuration"] = "01:00:00",
            ["Billing__Workers"] = "1",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = silentPort.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "none",
        };
        TcpClient? hung = null;
        var beforeClaim = DateTimeOffset.UtcNow;
        using var server = ServeProcess.Start(_sandbox.Root, settings, "serve", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeProcess.WaitForHealthAsync(http, server);
            var payload = StripePayloads.Event("evt_crash", "invoice.payment_failed", DateTimeOffset.UtcNow, StripePayloads.Invoice("cus_crash", "sub_crash"));
            using var delivery = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            delivery.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSigner.Sign(payload, BillingApi.Secret, DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(delivery)).StatusCode);

            using var connected = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            hung = await silent.AcceptTcpClientAsync(connected.Token);
        }
        finally
        {
            // Killed while the mail connection is still open: closing it first would let the worker fail the event and commit.
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            hung?.Dispose();
        }

        var afterKill = DateTimeOffset.UtcNow;

        Assert.Equal(["processing|1"], SqliteFile.Column(database, "SELECT status || '|' || attempts FROM subscription_events"));
        Assert.Equal([null], SqliteFile.Column(database, "SELECT billing_issue_detected_at FROM organizations"));
        // The claim leased the event for the configured hour.
        var leaseEnd = DateTimeOffset.Parse(SqliteFile.Column(database, "SELECT next_attempt_at FROM subscription_events").Single()!, CultureInfo.InvariantCulture);
        Assert.InRange(leaseEnd, beforeClaim.AddHours(1), afterKill.AddHours(1));
        var smtpSettings = new Dictionary<string, string?>
        {
            ["Email__Smtp__Host"] = smtp.Server.Host,
            ["Email__Smtp__Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "none",
        };

        // While the dead worker's lease runs, another run leaves the event alone.
        var early = await _sandbox.RunWithEnvironmentAsync(smtpSettings, "events", "process");

        early.ShouldExitWith(0);
        Assert.Equal(["processing|1"], SqliteFile.Column(database, "SELECT status || '|' || attempts FROM subscription_events"));
        Assert.Equal([null], SqliteFile.Column(database, "SELECT billing_issue_detected_at FROM organizations"));
        Assert.Empty(await smtp.Server.MessagesToAsync("crash-owner@example.test"));

        // The lease runs out: the process reads the real clock, so the lease's end is moved behind it instead of waiting an hour.
        SqliteFile.Execute(database, $"UPDATE subscription_events SET next_attempt_at = '{Stored(DateTimeOffset.UtcNow.AddSeconds(-1))}'");
        var process = await _sandbox.RunWithEnvironmentAsync(smtpSettings, "events", "process");

        process.ShouldExitWith(0);
        Assert.Equal(["processed|2|"], SqliteFile.Column(database, "SELECT status || '|' || attempts || '|' || COALESCE(last_error, '') FROM subscription_events"));
        Assert.NotNull(SqliteFile.Column(database, "SELECT billing_issue_detected_at FROM organizations").Single());
        Assert.Single(await smtp.Server.MessagesToAsync("crash-owner@example.test"));
    }

    /// <summary>An instant as the application stores it in SQLite.</summary>
    private static string Stored(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}

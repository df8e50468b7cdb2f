using System.Globalization;
using System.Text.Json;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Billing;

/// <summary><c>timetracker events …</c>, run as the built executable against a SQLite file at head.</summary>
public sealed class EventsCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task List_json_prints_each_event_with_its_stripe_id_type_status_attempts_and_organization()
    {
        var (_, orgId) = await SeedAsync();

        var result = await _sandbox.RunAsync("events", "list", "--json");

        result.ShouldExitWith(0);
        var events = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(["evt_recent", "evt_pending", "evt_gave_up", "evt_old_ignored", "evt_old_done"], events.Select(e => e.GetProperty("stripeEventId").GetString()));
        var pending = events[1];
        Assert.Equal(("customer.subscription.created", "pending", 0, orgId),
            (pending.GetProperty("type").GetString(), pending.GetProperty("status").GetString(), pending.GetProperty("attempts").GetInt32(), pending.GetProperty("organizationId").GetInt64()));
        Assert.Equal(JsonValueKind.Null, events[3].GetProperty("organizationId").ValueKind);
        Assert.False(pending.TryGetProperty("payload", out _), "the list leaves payloads to 'events show'");
    }

    [Fact]
    public async Task List_filters_by_status_type_and_organization_and_prints_a_table()
    {
        var (_, orgId) = await SeedAsync();

        var failed = await _sandbox.RunAsync("events", "list", "--status", "failed");
        var byType = await _sandbox.RunAsync("events", "list", "--type", "invoice.paid", "--json");
        var byOrg = await _sandbox.RunAsync("events", "list", "--org", orgId.ToString(CultureInfo.InvariantCulture), "--json");

        failed.ShouldExitWith(0);
        Assert.Equal(2, failed.OutLines.Count);
        Assert.StartsWith("ID", failed.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("evt_gave_up", failed.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(["evt_recent", "evt_gave_up", "evt_old_done"], Ids(byType));
        Assert.Equal(["evt_pending"], Ids(byOrg));
        (await _sandbox.RunAsync("events", "list", "--status", "lost")).ShouldExitWith(2);
    }

    [Fact]
    public async Task Show_prints_status_attempts_last_error_and_payload_by_row_or_stripe_id()
    {
        await SeedAsync();

        var byStripeId = await _sandbox.RunAsync("events", "show", "evt_gave_up");
        var rowId = SqliteFile.Column(_sandbox.DatabasePath, "SELECT id FROM subscription_events WHERE stripe_event_id = 'evt_gave_up'").Single()!;
        var byRow = await _sandbox.RunAsync("events", "show", rowId, "--json");
        var unknown = await _sandbox.RunAsync("events", "show", "evt_nope");

        byStripeId.ShouldExitWith(0);
        Assert.Contains("status:        failed, 8 attempt(s)", byStripeId.StdOut, StringComparison.Ordinal);
        Assert.Contains("last error:    No organization is linked to Stripe customer cus_lost", byStripeId.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"customer\": \"cus_lost\"", byStripeId.StdOut, StringComparison.Ordinal);
        byRow.ShouldExitWith(0);
        Assert.Contains("cus_lost", JsonDocument.Parse(byRow.StdOut).RootElement.GetProperty("payload").GetString(), StringComparison.Ordinal);
        unknown.ShouldExitWith(1);
        Assert.Contains("no stored event has the id 'evt_nope'", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_makes_a_failed_event_due_now_and_refuses_one_that_is_not_failed()
    {
        await SeedAsync();

        var retried = await _sandbox.RunAsync("events", "retry", "evt_gave_up");
        var notFailed = await _sandbox.RunAsync("events", "retry", "evt_recent");
        var neither = await _sandbox.RunAsync("events", "retry");
        var both = await _sandbox.RunAsync("events", "retry", "evt_gave_up", "--failed");

        retried.ShouldExitWith(0);
        Assert.Equal(["pending|0"], SqliteFile.Column(_sandbox.DatabasePath, "SELECT status || '|' || attempts FROM subscription_events WHERE stripe_event_id = 'evt_gave_up'"));
        notFailed.ShouldExitWith(1);
        Assert.Contains("is processed; only failed events can be retried", notFailed.StdErr, StringComparison.Ordinal);
        neither.ShouldExitWith(2);
        both.ShouldExitWith(2);
    }

    [Fact]
    public async Task Retry_failed_makes_every_failed_event_due()
    {
        await SeedAsync();

        var result = await _sandbox.RunAsync("events", "retry", "--failed");

        result.ShouldExitWith(0);
        Assert.StartsWith("1 failed event(s) are due again now", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, SqliteFile.Count(_sandbox.DatabasePath, "SELECT count(*) FROM subscription_events WHERE status = 'failed'"));
    }

    [Fact]
    public async Task Cleanup_deletes_old_processed_and_ignored_events_and_keeps_failed_ones_unless_asked()
    {
        await SeedAsync();

        var cleanup = await _sandbox.RunAsync("events", "cleanup", "--older-than", "90d");

        cleanup.ShouldExitWith(0);
        Assert.StartsWith("Deleted 2 event(s) (processed and ignored) received before", cleanup.StdOut, StringComparison.Ordinal);
        Assert.Equal(["evt_gave_up", "evt_pending", "evt_recent"], Remaining());

        var withFailed = await _sandbox.RunAsync("events", "cleanup", "--older-than", "90d", "--include-failed");
        withFailed.ShouldExitWith(0);
        Assert.StartsWith("Deleted 1 event(s) (processed, ignored and failed)", withFailed.StdOut, StringComparison.Ordinal);
        Assert.Equal(["evt_pending", "evt_recent"], Remaining());
    }

    [Theory]
    [InlineData("90")]
    [InlineData("90x")]
    [InlineData("-5d")]
    [InlineData("0d")]
    public async Task Cleanup_refuses_an_age_it_cannot_read_and_deletes_nothing(string age)
    {
        await SeedAsync();

        var result = await _sandbox.RunAsync("events", "cleanup", "--older-than", age);

        result.ShouldExitWith(2);
        Assert.Contains("--older-than takes a positive whole number and a unit", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(5, SqliteFile.Count(_sandbox.DatabasePath, "SELECT count(*) FROM subscription_events"));
    }

    [Fact]
    public async Task Process_applies_the_due_events_and_reports_them()
    {
        var (_, orgId) = await SeedAsync();

        var result = await _sandbox.RunAsync("events", "process");

        result.ShouldExitWith(0);
        Assert.Equal(["Processed 1 event(s): 1 applied, 0 failed, 0 taken over by another worker."], result.OutLines);
        Assert.Equal(["active|9"], SqliteFile.Column(_sandbox.DatabasePath, $"SELECT stripe_subscription_status || '|' || subscription_quantity FROM organizations WHERE id = {orgId}"));
        Assert.Equal(["processed"], SqliteFile.Column(_sandbox.DatabasePath, "SELECT status FROM subscription_events WHERE stripe_event_id = 'evt_pending'"));
    }

    [Fact]
    public async Task Process_exits_1_when_an_event_fails_and_says_where_to_look()
    {
        await SeedAsync();
        SqliteFile.Execute(_sandbox.DatabasePath, "UPDATE organizations SET stripe_customer_id = NULL");

        var result = await _sandbox.RunAsync("events", "process");

        result.ShouldExitWith(1);
        Assert.Contains("1 failed", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("events list --status failed", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["failed|1"], SqliteFile.Column(_sandbox.DatabasePath, "SELECT status || '|' || attempts FROM subscription_events WHERE stripe_event_id = 'evt_pending'"));
    }

    [Fact]
    public async Task Events_on_a_database_behind_head_say_to_upgrade_first()
    {
        await _sandbox.AddDatabaseAtAsync("021");

        var result = await _sandbox.RunAsync("events", "list");

        result.ShouldExitWith(1);
        Assert.Contains($"the database is at 021, but this build needs {ExpectedChain.Head} (head). Run 'timetracker db upgrade' first.", result.StdErr, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string?> Ids(ProcessResult result)
    {
        result.ShouldExitWith(0);
        return [.. JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().Select(e => e.GetProperty("stripeEventId").GetString())];
    }

    private IReadOnlyList<string?> Remaining() =>
        SqliteFile.Column(_sandbox.DatabasePath, "SELECT stripe_event_id FROM subscription_events ORDER BY stripe_event_id");

    /// <summary>
    /// A database at head with one organization (customer cus_cli) and five events: processed and ignored ones from
    /// 100 days ago, one given up 100 days ago, one pending for the organization, one processed today.
    /// </summary>
    private async Task<(string Path, long OrganizationId)> SeedAsync()
    {
        var path = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);
        var now = DateTimeOffset.UtcNow;
        var old = Text(now.AddDays(-100));
        var recent = Text(now.AddMinutes(-1));
        var subscription = StripePayloads.Event("evt_pending", "customer.subscription.created", now.AddMinutes(-2), StripePayloads.Subscription("sub_cli", "cus_cli", "active", quantity: 9));
        var lost = StripePayloads.Event("evt_gave_up", "invoice.paid", now.AddDays(-100), StripePayloads.Invoice("cus_lost", "sub_lost"));
        SqliteFile.Execute(path, $$"""
            INSERT INTO users (email, name, created_at, updated_at) VALUES ('owner@cli.test', 'Owner', '{{recent}}', '{{recent}}');
            INSERT INTO organizations (name, slug, stripe_customer_id, created_at, updated_at) VALUES ('CLI', 'cli', 'cus_cli', '{{recent}}', '{{recent}}');
            INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (1, 1, 'owner', '{{recent}}');
            INSERT INTO subscription_events (stripe_event_id, event_type, status, attempts, payload, received_at, processed_at)
                VALUES ('evt_old_done', 'invoice.paid', 'processed', 1, '{}', '{{old}}', '{{old}}');
            INSERT INTO subscription_events (stripe_event_id, event_type, status, attempts, payload, received_at)
                VALUES ('evt_old_ignored', 'charge.refunded', 'ignored', 0, '{}', '{{old}}');
            INSERT INTO subscription_events (stripe_event_id, event_type, status, attempts, last_error, payload, received_at)
                VALUES ('evt_gave_up', 'invoice.paid', 'failed', 8, 'No organization is linked to Stripe customer cus_lost (yet)', '{{lost}}', '{{old}}');
            INSERT INTO subscription_events (stripe_event_id, event_type, organization_id, status, attempts, next_attempt_at, payload, stripe_created_at, received_at)
                VALUES ('evt_pending', 'customer.subscription.created', 1, 'pending', 0, '{{recent}}', '{{subscription}}', '{{recent}}', '{{recent}}');
            INSERT INTO subscription_events (stripe_event_id, event_type, status, attempts, payload, received_at, processed_at)
                VALUES ('evt_recent', 'invoice.paid', 'processed', 1, '{}', '{{recent}}', '{{recent}}');
            """);
        return (path, 1);
    }

    private static string Text(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}

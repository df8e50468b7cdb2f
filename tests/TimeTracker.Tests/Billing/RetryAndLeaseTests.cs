using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Billing;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Processing;
using TimeTracker.Database;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Billing;

/// <summary>Failures, backoff, leases and workers: no event is lost, none is applied twice.</summary>
public sealed class RetryAndLeaseTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly Dictionary<string, string> ThreeAttempts = new()
    {
        ["Billing:MaxAttempts"] = "3",
        ["Billing:RetryDelay"] = "00:01:00",
        ["Billing:LeaseDuration"] = "00:05:00",
    };

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_failing_event_backs_off_exponentially_with_jitter_then_stays_failed_until_retried_by_hand(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, ThreeAttempts);
        var id = await api.DeliverEventAsync("invoice.paid", EventProcessingTests.Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_unknown", "sub_u"));

        var failedAt = api.Time.GetUtcNow();
        await api.ProcessAsync();
        var first = await NextAttemptAsync(api, id);
        Assert.InRange(first!.Value - failedAt, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await api.ProcessAsync()).Claimed); // not due yet

        api.Time.Advance(first.Value - api.Time.GetUtcNow());
        failedAt = api.Time.GetUtcNow();
        Assert.Equal(1, (await api.ProcessAsync()).Failed);
        var second = await NextAttemptAsync(api, id);
        Assert.InRange(second!.Value - failedAt, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));

        api.Time.Advance(second.Value - api.Time.GetUtcNow());
        await api.ProcessAsync();
        var (status, attempts, error) = await api.EventStateAsync(id);
        Assert.Equal(("failed", 3), (status, attempts));
        Assert.Contains("cus_unknown", error, StringComparison.Ordinal);
        Assert.Null(await NextAttemptAsync(api, id));
        api.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, (await api.ProcessAsync()).Claimed);

        // Once the customer is linked, a person retries it; the attempts count afresh.
        await api.OrganizationAsync("Linked later", customer: "cus_unknown");
        Assert.Equal(1, await api.Services.GetRequiredService<EventAdministration>().RetryAsync(id, CancellationToken.None));
        Assert.Equal(1, (await api.ProcessAsync()).Processed);
        Assert.Equal(("processed", 1, ""), await api.EventStateAsync(id));
    }

    [Fact]
    public async Task The_retry_delay_doubles_per_attempt_between_half_and_all_of_it_and_stops_at_the_cap()
    {
        var schedule = new RetrySchedule(new BillingOptions { RetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(10), MaxAttempts = 20 }, new Random(7));
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var full = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, attempt - 1), 10));
            var delays = Enumerable.Range(0, 200).Select(_ => schedule.Delay(attempt)).ToList();
            Assert.All(delays, d => Assert.InRange(d, full / 2, full));
            Assert.True(delays.Distinct().Count() > 100, "the jitter spreads the delays");
        }
        Assert.Null(schedule.NextAttempt(20, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_event_whose_worker_died_is_taken_up_after_its_lease_and_the_dead_workers_late_result_is_refused(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, ThreeAttempts);
        var (orgId, _) = await api.OrganizationAsync("Crash", customer: "cus_crash");
        var id = await api.DeliverEventAsync("customer.subscription.updated", EventProcessingTests.Seconds(api.Time.GetUtcNow()),
            StripePayloads.Subscription("sub_c", "cus_crash", "active", quantity: 4));
        var queue = api.Services.GetRequiredService<EventQueue>();

        // A worker claims the event and dies before finishing.
        var dead = Assert.Single(await queue.ClaimAsync(10, TimeSpan.FromMinutes(5), 3, CancellationToken.None));
        Assert.Equal(("processing", 1, ""), await api.EventStateAsync(id));
        Assert.Equal(0, (await api.ProcessAsync()).Claimed); // leased: nobody else takes it

        api.Time.Advance(TimeSpan.FromMinutes(5));
        var result = await api.ProcessAsync();

        Assert.Equal((1, 1), (result.Claimed, result.Processed));
        Assert.Equal(("processed", 2, ""), await api.EventStateAsync(id));
        Assert.Equal("active|4", $"{await api.ColumnAsync(orgId, "stripe_subscription_status")}|{await api.ColumnAsync(orgId, "subscription_quantity")}");
        // The first worker comes back to life: its claim no longer holds, so whatever it did is rolled back.
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            await using var transaction = await session.BeginAsync(CancellationToken.None);
            Assert.False(await queue.CompleteAsync(session, dead, orgId, CancellationToken.None));
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_event_every_worker_dies_on_is_given_up_after_the_maximum_attempts_with_a_reason(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, ThreeAttempts);
        var id = await api.DeliverEventAsync("invoice.paid", EventProcessingTests.Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_poison", "sub_p"));
        var queue = api.Services.GetRequiredService<EventQueue>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Single(await queue.ClaimAsync(10, TimeSpan.FromMinutes(5), 3, CancellationToken.None));
            api.Time.Advance(TimeSpan.FromMinutes(5));
        }
        Assert.Empty(await queue.ClaimAsync(10, TimeSpan.FromMinutes(5), 3, CancellationToken.None));

        var (status, attempts, error) = await api.EventStateAsync(id);
        Assert.Equal(("failed", 3), (status, attempts));
        Assert.Contains("no attempt finished in 3 tries", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_worker_in_serve_processes_a_delivered_event_by_itself(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, worker: true);
        var (orgId, _) = await api.OrganizationAsync("Background", customer: "cus_bg");

        var id = await api.DeliverEventAsync("customer.subscription.created", EventProcessingTests.Seconds(api.Time.GetUtcNow()),
            StripePayloads.Subscription("sub_bg", "cus_bg", "active", quantity: 2));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await api.EventStateAsync(id)).Status != "processed" && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(("processed", 1, ""), await api.EventStateAsync(id));
        Assert.Equal("active", await api.ColumnAsync(orgId, "stripe_subscription_status"));
    }

    [Fact]
    public async Task Two_workers_on_postgres_share_the_queue_and_never_process_one_event_twice()
    {
        await using var first = await BillingApi.StartAsync(TestApi.Postgres, smtp.Server, new Dictionary<string, string> { ["Billing:BatchSize"] = "7" });
        await using var second = await TestApi.StartAsync(TestApi.Postgres, smtp.Server,
            new Dictionary<string, string> { ["Stripe:WebhookSecrets:0"] = BillingApi.Secret, ["Billing:WorkerEnabled"] = "false", ["Billing:BatchSize"] = "7" },
            existingDatabaseUrl: first.DatabaseUrl);
        first.Time.SetUtcNow(second.Time.GetUtcNow()); // one clock for both replicas
        var start = EventProcessingTests.Seconds(first.Time.GetUtcNow()).AddHours(-1);
        var organizations = new List<long>();
        for (var i = 0; i < 10; i++)
            organizations.Add((await first.OrganizationAsync($"Shared {i}", customer: $"cus_shared_{i}")).Id);
        for (var n = 0; n < 200; n++)
            await first.DeliverEventAsync("customer.subscription.updated", start.AddSeconds(n),
                StripePayloads.Subscription($"sub_shared_{n % 10}", $"cus_shared_{n % 10}", "active", quantity: n));

        var results = await Task.WhenAll(first.ProcessAsync(), second.ProcessAsync());
        var leftover = await first.ProcessAsync();

        Assert.Equal(200, results.Sum(r => r.Processed) + leftover.Processed);
        Assert.All(results, r => Assert.True(r.Processed > 0, "both workers took a share"));
        Assert.Equal(["processed|1|200"], await first.SqlAsync("SELECT status || '|' || max(attempts) || '|' || count(*) FROM subscription_events GROUP BY status"));
        // Each organization ends with its newest event's quantity, whichever worker applied which event.
        for (var i = 0; i < 10; i++)
            Assert.Equal((190 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), await first.ColumnAsync(organizations[i], "subscription_quantity"));
    }

    private static async Task<DateTimeOffset?> NextAttemptAsync(TestApi api, string stripeEventId)
    {
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
            return await session.QuerySingleOrDefaultAsync("SELECT next_attempt_at FROM subscription_events WHERE stripe_event_id = @id",
                r => r.InstantOrNull("next_attempt_at"), CancellationToken.None, ("id", stripeEventId));
    }
}

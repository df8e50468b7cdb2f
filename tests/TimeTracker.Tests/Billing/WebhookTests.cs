using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TimeTracker.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Database;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Billing;

/// <summary><c>POST /webhooks/stripe</c>: what is accepted and stored, once; what is refused, with its reason, storing nothing.</summary>
public sealed class WebhookTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_signed_event_is_stored_with_its_organization_and_answered_at_once(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Stored", customer: "cus_stored");
        var created = api.Time.GetUtcNow().AddSeconds(-30);
        var payload = StripePayloads.Event("evt_stored_1", "invoice.paid", created, StripePayloads.Invoice("cus_stored", "sub_1"));

        var response = await api.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("evt_stored_1", "pending", false), (receipt.GetProperty("eventId").GetString(), receipt.GetProperty("status").GetString(), receipt.GetProperty("duplicate").GetBoolean()));
        Assert.Equal($"invoice.paid|{orgId}|pending|0|{created.ToUnixTimeSeconds()}",
            (await api.SqlAsync("SELECT event_type || '|' || organization_id || '|' || status || '|' || attempts FROM subscription_events")).Single() + "|" +
            (await StripeCreatedAsync(api, "evt_stored_1")).ToUnixTimeSeconds());
        Assert.Contains("\"cus_stored\"", (await api.SqlAsync("SELECT CAST(payload AS TEXT) FROM subscription_events")).Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_event_whose_text_holds_the_nul_character_is_stored_with_a_replacement_character_and_applied(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Nul", customer: "cus_nul");
        var invoice = StripePayloads.Invoice("cus_nul", "sub_nul");
        invoice["customer_name"] = "Ac\0me";
        invoice["description"] = "a backslash and u0000: \\u0000";
        var payload = StripePayloads.Event("evt_nul", "invoice.paid", api.Time.GetUtcNow(), invoice);
        Assert.Contains(@"Ac\u0000me", payload, StringComparison.Ordinal);

        var response = await api.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = JsonDocument.Parse((await api.SqlAsync("SELECT CAST(payload AS TEXT) FROM subscription_events")).Single()).RootElement.GetProperty("data").GetProperty("object");
        Assert.Equal("Ac\uFFFDme", stored.GetProperty("customer_name").GetString());
        Assert.Equal("a backslash and u0000: \\u0000", stored.GetProperty("description").GetString());
        var result = await api.ProcessAsync();
        Assert.Equal((1, 1), (result.Claimed, result.Processed));
        Assert.Equal("processed", (await api.EventStateAsync("evt_nul")).Status);
        Assert.Equal([orgId.ToString(CultureInfo.InvariantCulture)], await api.SqlAsync("SELECT organization_id FROM subscription_events"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Twenty_concurrent_deliveries_of_one_event_store_one_row_and_apply_it_once(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, owner) = await api.OrganizationAsync("Duplicated", customer: "cus_dup");
        var payload = StripePayloads.Event("evt_dup", "invoice.payment_failed", api.Time.GetUtcNow(), StripePayloads.Invoice("cus_dup", "sub_dup"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.DeliverAsync(payload)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(receipts, r => !r.GetProperty("duplicate").GetBoolean());
        Assert.Equal(["1"], await api.SqlAsync("SELECT count(*) FROM subscription_events"));
        var result = await api.ProcessAsync();
        Assert.Equal((1, 1), (result.Claimed, result.Processed));
        Assert.Single(await api.Mail.MessagesToAsync(owner));
        Assert.NotNull(await api.InstantAsync(orgId, "billing_issue_detected_at"));
    }

    [Fact]
    public async Task An_event_type_TimeTracker_does_not_act_on_is_stored_as_ignored_and_never_processed()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var response = await api.DeliverAsync(StripePayloads.Event("evt_ignored", "charge.refunded", api.Time.GetUtcNow(), new { id = "ch_1", @object = "charge", customer = "cus_x" }));

        Assert.Equal("ignored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(0, (await api.ProcessAsync()).Claimed);
        Assert.Equal(("ignored", 0, ""), await api.EventStateAsync("evt_ignored"));
    }

    [Fact]
    public async Task A_delivery_signed_with_either_of_two_rotating_secrets_is_accepted()
    {
        const string newSecret = "whsec_test_new_secret_after_the_roll";
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Stripe:WebhookSecrets:1"] = newSecret });
        var now = api.Time.GetUtcNow();
        var withOld = StripePayloads.Event("evt_old_secret", "invoice.paid", now, StripePayloads.Invoice("cus_r", "sub_r"));
        var withNew = StripePayloads.Event("evt_new_secret", "invoice.paid", now, StripePayloads.Invoice("cus_r", "sub_r"));
        var withBoth = StripePayloads.Event("evt_both", "invoice.paid", now, StripePayloads.Invoice("cus_r", "sub_r"));

        Assert.Equal(HttpStatusCode.OK, (await api.DeliverAsync(withOld, StripeSigner.Sign(withOld, BillingApi.Secret, now))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.DeliverAsync(withNew, StripeSigner.Sign(withNew, newSecret, now))).StatusCode);
        // During a roll Stripe signs with every active secret; a header with an unknown signature first still verifies.
        var header = StripeSigner.Header(now, StripeSigner.Signature(withBoth, "whsec_someone_elses", now), StripeSigner.Signature(withBoth, newSecret, now));
        Assert.Equal(HttpStatusCode.OK, (await api.DeliverAsync(withBoth, header)).StatusCode);
        Assert.Equal(["3"], await api.SqlAsync("SELECT count(*) FROM subscription_events"));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        // case, what the header is made from, what the problem must say
        { "tampered body", "tampered", "body was altered" },
        { "wrong secret", "wrong-secret", "body was altered, or Stripe:WebhookSecrets" },
        { "stale timestamp", "stale", "s ago, more than the 300 s tolerated" },
        { "future timestamp", "future", "in the future, more than the 300 s tolerated" },
        { "no header", "missing", "Stripe-Signature header is missing" },
        { "no timestamp", "t=", "has no timestamp" },
        { "no v1 signature", "v0-only", "has no v1 signature" },
        { "not key=value", "garbage", "is not a key=value pair" },
        { "timestamp not a number", "t-word", "is not a Unix time in seconds" },
        { "two timestamps", "two-t", "has more than one timestamp" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_delivery_that_is_not_authentic_is_refused_with_its_reason_and_nothing_is_stored(string @case, string header, string reason)
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var now = api.Time.GetUtcNow();
        var payload = StripePayloads.Event("evt_refused", "invoice.paid", now, StripePayloads.Invoice("cus_x", "sub_x"));
        var signature = StripeSigner.Signature(payload, BillingApi.Secret, now);
        string? value = header switch
        {
            "tampered" => StripeSigner.Sign(payload.Replace("cus_x", "cus_y", StringComparison.Ordinal), BillingApi.Secret, now),
            "wrong-secret" => StripeSigner.Sign(payload, "whsec_not_ours", now),
            "stale" => StripeSigner.Sign(payload, BillingApi.Secret, now.AddSeconds(-301)),
            "future" => StripeSigner.Sign(payload, BillingApi.Secret, now.AddSeconds(301)),
            "missing" => null,
            "t=" => "v1=" + signature,
            "v0-only" => $"t={now.ToUnixTimeSeconds()},v0={signature}",
            "garbage" => "garbage",
            "t-word" => "t=yesterday,v1=" + signature,
            "two-t" => $"t={now.ToUnixTimeSeconds()},t={now.ToUnixTimeSeconds()},v1={signature}",
            _ => throw new ArgumentOutOfRangeException(nameof(header)),
        };

        var response = await api.DeliverAsync(payload, value);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{@case}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM subscription_events"));
    }

    [Fact]
    public async Task A_delivery_signed_just_within_the_tolerance_is_accepted()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var now = api.Time.GetUtcNow();
        var payload = StripePayloads.Event("evt_late", "invoice.paid", now, StripePayloads.Invoice("cus_x", "sub_x"));

        Assert.Equal(HttpStatusCode.OK, (await api.DeliverAsync(payload, StripeSigner.Sign(payload, BillingApi.Secret, now.AddSeconds(-299)))).StatusCode);
    }

    [Theory]
    [InlineData("{\"id\": \"evt_1\", \"object\": \"event\",", "not valid JSON")]
    [InlineData("{\"id\": \"cus_1\", \"object\": \"customer\"}", "not a Stripe event")]
    [InlineData("{\"id\": \"evt_1\", \"object\": \"event\", \"type\": \"invoice.paid\", \"data\": {\"object\": {}}}", "has no \\\"created\\\" time")]
    [InlineData("{\"object\": \"event\", \"type\": \"invoice.paid\", \"created\": 1, \"data\": {\"object\": {}}}", "has no \\\"id\\\"")]
    public async Task A_signed_body_that_is_not_a_stripe_event_is_refused_and_nothing_is_stored(string body, string reason)
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var response = await api.DeliverAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM subscription_events"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_its_signature_is_checked()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Stripe:MaxPayloadBytes"] = "2048" });
        var padding = new string('x', 4096);
        var payload = StripePayloads.Event("evt_big", "invoice.paid", api.Time.GetUtcNow(), new { id = "in_1", @object = "invoice", customer = "cus_1", description = padding });

        var response = await api.DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reads at most 2048", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM subscription_events"));
    }

    [Fact]
    public async Task Without_a_configured_secret_deliveries_get_503_so_that_stripe_retries_them()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Billing:WorkerEnabled"] = "false" });

        var response = await api.DeliverAsync(StripePayloads.Event("evt_x", "invoice.paid", api.Time.GetUtcNow(), StripePayloads.Invoice("cus_x", "sub_x")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Stripe:WebhookSecrets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tests_signer_agrees_with_openssl()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        const string payload = "{\"id\":\"evt_openssl\",\"object\":\"event\"}";
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, "1700000000." + payload, new UTF8Encoding(false));
            var openssl = await ExternalProcess.RunAsync("openssl", ["dgst", "-sha256", "-hmac", BillingApi.Secret, "-r", input], Path.GetTempPath(), new Dictionary<string, string?>());
            Assert.Equal(0, openssl.ExitCode);
            Assert.Equal(openssl.StdOut.Split(' ')[0].Trim(), StripeSigner.Signature(payload, BillingApi.Secret, at));
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static async Task<DateTimeOffset> StripeCreatedAsync(TestApi api, string eventId)
    {
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
            return await session.QuerySingleOrDefaultAsync("SELECT stripe_created_at FROM subscription_events WHERE stripe_event_id = @id",
                r => r.Instant("stripe_created_at"), CancellationToken.None, ("id", eventId));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Billing;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// <c>POST /orgs/{id}/billing/checkout</c> and <c>/portal</c>: the server starts every Stripe session itself, for
/// owners, with what Stripe's API reference documents, against the local <see cref="StripeStandIn"/>.
/// </summary>
public sealed class CheckoutTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_owner_starts_a_checkout_and_stripe_receives_exactly_the_documented_fields(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        (await api.PostAsync(team.Path("invitations"), new { email = $"hire-{Guid.NewGuid():N}@example.test" }, team.Owner.Token)).EnsureSuccessStatusCode();

        var response = await api.PostAsync(team.Path("billing/checkout"), new { price = "price_team_yearly" }, team.Owner.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = session.GetProperty("id").GetString()!;
        Assert.StartsWith("cs_test_", id, StringComparison.Ordinal);
        Assert.Equal($"{(await StripeStandIn.SharedAsync()).BaseUrl}/c/pay/{id}", session.GetProperty("url").GetString());
        var sent = Assert.Single(await api.StripeRequestsAsync());
        Assert.Equal(("POST", "/v1/checkout/sessions", "Bearer " + SecretKey(api), "application/x-www-form-urlencoded", StripePayloads.ApiVersion),
            (sent.Method, sent.Path, sent.Authorization, sent.ContentType, sent.StripeVersion));
        Assert.False(string.IsNullOrWhiteSpace(sent.IdempotencyKey), "every POST to Stripe carries an Idempotency-Key");
        var org = team.OrgId.ToString(CultureInfo.InvariantCulture);
        // Three members and one pending invitation: four seats. No customer yet, so Checkout makes one.
        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = "subscription",
            ["line_items[0][price]"] = "price_team_yearly",
            ["line_items[0][quantity]"] = "4",
            ["client_reference_id"] = org,
            ["metadata[organization_id]"] = org,
            ["success_url"] = $"https://app.example.test/orgs/{org}/billing?checkout=success&session_id={{CHECKOUT_SESSION_ID}}",
            ["cancel_url"] = $"https://app.example.test/orgs/{org}/billing?checkout=canceled",
        }, new SortedDictionary<string, string>(sent.Form.ToDictionary(), StringComparer.Ordinal));
        Assert.Equal([$"{org}|price_team_yearly|4|{team.Owner.Id}|open"], await api.SqlAsync(
            $"SELECT CAST(organization_id AS TEXT) || '|' || price_id || '|' || CAST(quantity AS TEXT) || '|' || CAST(created_by_id AS TEXT) || '|' || " +
            $"CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END FROM billing_checkout_sessions WHERE stripe_session_id = '{id}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_returning_customer_checks_out_as_itself_and_a_live_subscription_is_sent_to_the_portal(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Returning");
        await api.SqlAsync($"UPDATE organizations SET stripe_customer_id = 'cus_returning', stripe_subscription_status = 'canceled' WHERE id = {orgId} RETURNING id");

        var again = await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token);
        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'active' WHERE id = {orgId} RETURNING id");
        var twice = await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(("cus_returning", "1"), (Assert.Single(await api.StripeRequestsAsync()).Form["customer"], (await api.StripeRequestsAsync())[0].Form["line_items[0][quantity]"]));
        var problem = await ProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.Contains("billing/portal", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await api.StripeRequestsAsync());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_and_members_are_refused_and_another_organization_is_not_found(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var stranger = await api.SignedInAsync();
        await api.OrganizationAsync(stranger, "Stranger's own");

        foreach (var route in new[] { "billing/checkout", "billing/portal" })
        {
            foreach (var user in new[] { team.Admin, team.Member })
            {
                var refused = await ProblemAsync(await api.PostAsync(team.Path(route), new { price = "price_team_monthly" }, user.Token), HttpStatusCode.Forbidden);
                Assert.Equal("Owners only", refused.GetProperty("title").GetString());
            }
            await ProblemAsync(await api.PostAsync(team.Path(route), new { price = "price_team_monthly" }, stranger.Token), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync(team.Path(route), new { price = "price_team_monthly" })).StatusCode);
        }
        Assert.Empty(await api.StripeRequestsAsync());
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM billing_checkout_sessions"));
    }

    [Fact]
    public async Task A_price_not_on_the_allow_list_is_refused_with_400_naming_the_allowed_ones()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Bargain hunter");

        var other = await ProblemAsync(await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_free_forever" }, owner.Token), HttpStatusCode.BadRequest);
        var none = await ProblemAsync(await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { }, owner.Token), HttpStatusCode.BadRequest);

        var message = other.GetProperty("errors").GetProperty("price")[0].GetString();
        Assert.Equal("'price' must be one of the prices this server sells: price_team_monthly, price_team_yearly; 'price_free_forever' is not.", message);
        Assert.Contains("price_team_monthly, price_team_yearly", none.GetProperty("errors").GetProperty("price")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await api.StripeRequestsAsync());
    }

    [Fact]
    public async Task With_one_price_configured_the_request_may_leave_it_out()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Billing:Prices:1"] = "" });
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Single plan");

        var response = await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", null, owner.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("price_team_monthly", Assert.Single(await api.StripeRequestsAsync()).Form["line_items[0][price]"]);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_refusal_by_stripe_answers_502_with_stripes_request_id_and_message_and_records_nothing(string dialect)
    {
        // Allowed here, but Stripe has no such price (it was archived and deleted, say).
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Billing:Prices:2"] = "price_deleted" });
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Stale price");

        var problem = await ProblemAsync(await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_deleted" }, owner.Token), HttpStatusCode.BadGateway);

        var requestId = problem.GetProperty("stripeRequestId").GetString()!;
        Assert.StartsWith("req_", requestId, StringComparison.Ordinal);
        Assert.Equal("Stripe call failed", problem.GetProperty("title").GetString());
        Assert.Equal($"Stripe refused the request with 400 (invalid_request_error): No such price: 'price_deleted'. Stripe's request id is {requestId}; " +
            "quote it to Stripe's support if this persists. Nothing was created; try again.", problem.GetProperty("detail").GetString());
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM billing_checkout_sessions"));
        Assert.DoesNotContain(api.Log.Entries, entry => entry.Message.Contains(SecretKey(api), StringComparison.Ordinal));
        Assert.Contains(api.Log.Entries, entry => entry.Message.Contains(requestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stripe_out_of_reach_or_slower_than_the_timeout_answers_502()
    {
        await using var unreachable = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Stripe:ApiBase"] = $"http://127.0.0.1:{ServeProcess.FreePort()}" });
        await using var slow = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server,
            new Dictionary<string, string> { ["Billing:Prices:2"] = StripeStandIn.SlowPrice, ["Stripe:Timeout"] = "00:00:00.5" });
        var owner = await unreachable.SignedInAsync();
        var orgId = await unreachable.OrganizationAsync(owner, "Offline");
        var slowOwner = await slow.SignedInAsync();
        var slowOrg = await slow.OrganizationAsync(slowOwner, "Patient");

        var down = await ProblemAsync(await unreachable.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token), HttpStatusCode.BadGateway);
        var late = await ProblemAsync(await slow.PostAsync($"/api/v1/orgs/{slowOrg}/billing/checkout", new { price = StripeStandIn.SlowPrice }, slowOwner.Token), HttpStatusCode.BadGateway);

        Assert.StartsWith("Stripe could not be reached", down.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Stripe did not answer within 0.5 s (Stripe:Timeout).", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, late.GetProperty("stripeRequestId").ValueKind);
    }

    [Fact]
    public async Task Without_a_secret_key_both_routes_answer_503_saying_what_to_set()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Stripe:SecretKey"] = "" });
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Unconfigured");

        foreach (var route in new[] { "checkout", "portal" })
        {
            var problem = await ProblemAsync(await api.PostAsync($"/api/v1/orgs/{orgId}/billing/{route}", new { price = "price_team_monthly" }, owner.Token), HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Stripe not configured", problem.GetProperty("title").GetString());
            Assert.Contains("Stripe__SecretKey", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_portal_opens_for_the_organizations_customer_and_without_one_answers_409(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Portal");

        var before = await ProblemAsync(await api.PostAsync($"/api/v1/orgs/{orgId}/billing/portal", null, owner.Token), HttpStatusCode.Conflict);
        await api.SqlAsync($"UPDATE organizations SET stripe_customer_id = 'cus_portal' WHERE id = {orgId} RETURNING id");
        var response = await api.PostAsync($"/api/v1/orgs/{orgId}/billing/portal", null, owner.Token);

        Assert.Equal("No Stripe customer yet", before.GetProperty("title").GetString());
        Assert.Contains($"POST /api/v1/orgs/{orgId}/billing/checkout", before.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("bps_", session.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"{(await StripeStandIn.SharedAsync()).BaseUrl}/p/session/bps_", session.GetProperty("url").GetString(), StringComparison.Ordinal);
        var sent = Assert.Single(await api.StripeRequestsAsync());
        Assert.Equal(("/v1/billing_portal/sessions", "Bearer " + SecretKey(api)), (sent.Path, sent.Authorization));
        Assert.False(string.IsNullOrWhiteSpace(sent.IdempotencyKey));
        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["customer"] = "cus_portal",
            ["return_url"] = $"https://app.example.test/orgs/{orgId}/billing",
        }, new SortedDictionary<string, string>(sent.Form.ToDictionary(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_owner_action_sends_a_new_idempotency_key()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Twice");

        var first = await (await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token)).Content.ReadFromJsonAsync<JsonElement>();

        var keys = (await api.StripeRequestsAsync()).Select(request => request.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(["2"], await api.SqlAsync($"SELECT count(*) FROM billing_checkout_sessions WHERE organization_id = {orgId}"));
    }

    [Fact]
    public async Task OpenApi_describes_both_routes_with_their_bodies_and_problems()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var paths = (await (await api.GetAsync("/openapi/v1.json")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");

        var checkout = paths.GetProperty("/api/v1/orgs/{id}/billing/checkout").GetProperty("post");
        var portal = paths.GetProperty("/api/v1/orgs/{id}/billing/portal").GetProperty("post");
        Assert.True(checkout.TryGetProperty("requestBody", out _), "the checkout takes a body naming the price");
        foreach (var status in new[] { "200", "400", "403", "404", "409", "502", "503" })
            Assert.True(checkout.GetProperty("responses").TryGetProperty(status, out _), $"checkout lacks {status}");
        foreach (var status in new[] { "200", "403", "404", "409", "502", "503" })
            Assert.True(portal.GetProperty("responses").TryGetProperty(status, out _), $"portal lacks {status}");
        Assert.Contains("BillingSessionResponse", checkout.GetProperty("responses").GetProperty("200").ToString(), StringComparison.Ordinal);
    }

    private static string SecretKey(TestApi api) => api.Services.GetRequiredService<IOptions<StripeOptions>>().Value.SecretKey!;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

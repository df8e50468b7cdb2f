using System.Net.Http.Json;
using System.Text.Json;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// Issue 16, finding 1: a <c>checkout.session.completed</c> links an organization to a Stripe customer only for a
/// Checkout Session the server itself created for that organization, and never re-links one that has a customer.
/// The events are signed with the webhook secret, as Stripe's are; the attacker controls only what Checkout lets
/// anyone set (a Payment Link's <c>client_reference_id</c>, say).
/// </summary>
public sealed class CheckoutTakeoverTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_checkout_the_server_never_started_cannot_take_over_another_organizations_billing(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (victim, _) = await api.OrganizationAsync("Victim", customer: "cus_victim");
        var (attacker, _) = await api.OrganizationAsync("Attacker");
        var t0 = EventProcessingTests.Seconds(api.Time.GetUtcNow()).AddMinutes(-10);
        await api.DeliverEventAsync("customer.subscription.created", t0,
            StripePayloads.Subscription("sub_victim", "cus_victim", "active", quantity: 5, periodEnd: t0.AddMonths(1)));
        await api.ProcessAsync();
        var before = await BillingStateAsync(api, victim);

        // A Checkout of the attacker's own making names the victim; so does a real session of the attacker's
        // organization whose reference the attacker rewrote. Then the attacker cancels.
        var forged = await api.DeliverEventAsync("checkout.session.completed", t0.AddMinutes(1),
            StripePayloads.Checkout(victim, "cus_attacker", "sub_attacker", "cs_test_made_by_the_attacker"));
        var attackersSession = await api.StartCheckoutAsync(attacker);
        var rewritten = await api.DeliverEventAsync("checkout.session.completed", t0.AddMinutes(2),
            StripePayloads.Checkout(victim, "cus_attacker", "sub_attacker", attackersSession));
        var canceled = await api.DeliverEventAsync("customer.subscription.deleted", t0.AddMinutes(3),
            StripePayloads.Subscription("sub_attacker", "cus_attacker", "canceled", endedAt: t0.AddMinutes(3)));
        await api.ProcessAsync();

        Assert.Equal(("failed", 1), Head(await api.EventStateAsync(forged)));
        Assert.Equal(("failed", 1), Head(await api.EventStateAsync(rewritten)));
        Assert.Equal("failed", (await api.EventStateAsync(canceled)).Status);
        Assert.Equal(before, await BillingStateAsync(api, victim));
        Assert.Equal("", await api.ColumnAsync(attacker, "stripe_customer_id"));
        Assert.Equal(["open"], await api.SqlAsync("SELECT CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END FROM billing_checkout_sessions"));

        // The victim's own billing goes on.
        var paid = await api.DeliverEventAsync("invoice.paid", t0.AddMinutes(4), StripePayloads.Invoice("cus_victim", "sub_victim"));
        await api.ProcessAsync();
        Assert.Equal("processed", (await api.EventStateAsync(paid)).Status);
        Assert.Equal(before, await BillingStateAsync(api, victim));

        // An operator reads why in `timetracker events show`.
        using var sandbox = new CliSandbox();
        var environment = new Dictionary<string, string?> { [TimeTrackerProcess.DatabaseUrlVariable] = api.DatabaseUrl };
        var shownForged = await sandbox.RunWithEnvironmentAsync(environment, "events", "show", forged);
        var shownRewritten = await sandbox.RunWithEnvironmentAsync(environment, "events", "show", rewritten);
        shownForged.ShouldExitWith(0);
        shownRewritten.ShouldExitWith(0);
        Assert.Contains(
            $"last error:    Checkout Session cs_test_made_by_the_attacker (client_reference_id '{victim}', metadata.organization_id '{victim}') was not started by this server",
            shownForged.StdOut, StringComparison.Ordinal);
        Assert.Contains(
            $"last error:    Checkout Session {attackersSession} was started for organization {attacker}, but the event has client_reference_id '{victim}', metadata.organization_id '{victim}'",
            shownRewritten.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_checkout_the_owner_started_links_the_customer_and_the_session_is_marked_completed(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Paying");
        var started = await (await api.PostAsync($"/api/v1/orgs/{orgId}/billing/checkout", new { price = "price_team_monthly" }, owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = started.GetProperty("id").GetString()!;

        var now = EventProcessingTests.Seconds(api.Time.GetUtcNow());
        var completed = await api.DeliverEventAsync("checkout.session.completed", now, StripePayloads.Checkout(orgId, "cus_paying", "sub_paying", sessionId));
        await api.DeliverEventAsync("customer.subscription.created", now.AddSeconds(1),
            StripePayloads.Subscription("sub_paying", "cus_paying", "active", quantity: 1, price: "price_team_monthly", periodEnd: now.AddMonths(1)));
        await api.ProcessAsync();

        Assert.Equal(("processed", 1, ""), await api.EventStateAsync(completed));
        Assert.Equal("cus_paying|sub_paying|active", $"{await api.ColumnAsync(orgId, "stripe_customer_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_status")}");
        Assert.Equal(["completed"], await api.SqlAsync($"SELECT CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END FROM billing_checkout_sessions WHERE stripe_session_id = '{sessionId}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_organization_with_another_customer_is_never_relinked_and_the_operator_reads_why(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Linked", customer: "cus_first");
        var checkout = await api.CompletedCheckoutAsync(orgId, "cus_second", "sub_second");

        var id = await api.DeliverEventAsync("checkout.session.completed", EventProcessingTests.Seconds(api.Time.GetUtcNow()), checkout);
        await api.ProcessAsync();

        var (status, attempts, error) = await api.EventStateAsync(id);
        Assert.Equal(("failed", 1), (status, attempts));
        Assert.StartsWith($"Organization {orgId} is linked to Stripe customer cus_first, but Checkout Session {checkout["id"]} was completed by customer cus_second. " +
            "An organization is never re-linked by an event", error, StringComparison.Ordinal);
        Assert.Contains($"timetracker events retry {id}", error, StringComparison.Ordinal);
        Assert.Equal("cus_first|", $"{await api.ColumnAsync(orgId, "stripe_customer_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_id")}");
        Assert.Equal(["open"], await api.SqlAsync("SELECT CASE WHEN completed_at IS NULL THEN 'open' ELSE 'completed' END FROM billing_checkout_sessions"));
        Assert.Equal("cus_first", (await api.StripeRequestsAsync()).Single().Form["customer"]);
    }

    private static readonly string[] BillingColumns =
        ["stripe_customer_id", "stripe_subscription_id", "stripe_subscription_status", "subscription_quantity", "billing_issue_detected_at", "subscription_ends_at"];

    private static (string, int) Head((string Status, int Attempts, string Error) state) => (state.Status, state.Attempts);

    private static async Task<string> BillingStateAsync(TestApi api, long organizationId) =>
        string.Join('|', await Task.WhenAll(BillingColumns.Select(column => api.ColumnAsync(organizationId, column))));
}

using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Billing;

/// <summary>What each Stripe event does to its organization, in any order of delivery, on both dialects.</summary>
public sealed class EventProcessingTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Checkout_links_the_customer_and_the_subscription_sets_status_seats_price_trial_and_next_billing(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Checkout");
        var now = Seconds(api.Time.GetUtcNow());
        var trialEnd = now.AddDays(14);

        await api.DeliverEventAsync("checkout.session.completed", now, await api.CompletedCheckoutAsync(orgId, "cus_new", "sub_new"));
        await api.DeliverEventAsync("customer.subscription.created", now.AddSeconds(1),
            StripePayloads.Subscription("sub_new", "cus_new", "trialing", quantity: 5, price: "price_team", periodEnd: trialEnd, trialEnd: trialEnd));
        var result = await api.ProcessAsync();

        Assert.Equal((2, 2, 0), (result.Claimed, result.Processed, result.Failed));
        Assert.Equal("cus_new|sub_new|trialing|price_team|5", string.Join('|',
            await api.ColumnAsync(orgId, "stripe_customer_id"), await api.ColumnAsync(orgId, "stripe_subscription_id"),
            await api.ColumnAsync(orgId, "stripe_subscription_status"), await api.ColumnAsync(orgId, "stripe_price_id"), await api.ColumnAsync(orgId, "subscription_quantity")));
        Assert.Equal(trialEnd, await api.InstantAsync(orgId, "trial_ends_at"));
        Assert.Equal(trialEnd, await api.InstantAsync(orgId, "next_billing_date"));
        Assert.Null(await api.InstantAsync(orgId, "subscription_ends_at"));
        Assert.Equal([orgId.ToString(System.Globalization.CultureInfo.InvariantCulture)], (await api.SqlAsync("SELECT DISTINCT CAST(organization_id AS TEXT) FROM subscription_events")));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_updated_event_delivered_before_created_wins_and_a_stale_incomplete_after_active_changes_nothing(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Ordered", customer: "cus_order");
        var t0 = Seconds(api.Time.GetUtcNow()).AddMinutes(-10);
        var periodEnd = t0.AddMonths(1);

        await api.DeliverEventAsync("customer.subscription.updated", t0.AddSeconds(20), StripePayloads.Subscription("sub_o", "cus_order", "active", quantity: 7, periodEnd: periodEnd));
        await api.DeliverEventAsync("customer.subscription.created", t0, StripePayloads.Subscription("sub_o", "cus_order", "incomplete", quantity: 5, periodEnd: periodEnd));
        await api.ProcessAsync();

        Assert.Equal("active|7", $"{await api.ColumnAsync(orgId, "stripe_subscription_status")}|{await api.ColumnAsync(orgId, "subscription_quantity")}");
        Assert.Equal(["processed", "processed"], await api.SqlAsync("SELECT status FROM subscription_events ORDER BY id"));

        // A retried delivery of an old incomplete state, after active was applied, is processed but changes nothing.
        await api.DeliverEventAsync("customer.subscription.updated", t0.AddSeconds(10), StripePayloads.Subscription("sub_o", "cus_order", "incomplete", quantity: 1));
        await api.ProcessAsync();
        Assert.Equal("active|7", $"{await api.ColumnAsync(orgId, "stripe_subscription_status")}|{await api.ColumnAsync(orgId, "subscription_quantity")}");
        Assert.Equal(periodEnd, await api.InstantAsync(orgId, "next_billing_date"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_subscription_event_before_its_checkout_fails_then_applies_once_the_customer_is_linked(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Early");
        var now = Seconds(api.Time.GetUtcNow());
        var subscription = await api.DeliverEventAsync("customer.subscription.created", now, StripePayloads.Subscription("sub_e", "cus_early", "active", quantity: 3, periodEnd: now.AddMonths(1)));

        await api.ProcessAsync();
        var (status, attempts, error) = await api.EventStateAsync(subscription);
        Assert.Equal(("failed", 1), (status, attempts));
        Assert.Contains("No organization is linked to Stripe customer cus_early", error, StringComparison.Ordinal);

        await api.DeliverEventAsync("checkout.session.completed", now.AddSeconds(2), await api.CompletedCheckoutAsync(orgId, "cus_early", "sub_e"));
        await api.ProcessAsync();
        Assert.Equal("cus_early|", $"{await api.ColumnAsync(orgId, "stripe_customer_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_status")}");

        api.Time.Advance(TimeSpan.FromMinutes(2));
        await api.ProcessAsync();
        Assert.Equal(("processed", 2, ""), await api.EventStateAsync(subscription));
        Assert.Equal("active|3|sub_e", $"{await api.ColumnAsync(orgId, "stripe_subscription_status")}|{await api.ColumnAsync(orgId, "subscription_quantity")}|{await api.ColumnAsync(orgId, "stripe_subscription_id")}");
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Paused_resumed_and_deleted_move_the_status_and_deleted_records_when_it_ended(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Lifecycle", customer: "cus_life");
        var t = Seconds(api.Time.GetUtcNow()).AddHours(-1);

        await api.DeliverEventAsync("customer.subscription.paused", t, StripePayloads.Subscription("sub_l", "cus_life", "paused"));
        await api.ProcessAsync();
        Assert.Equal("paused", await api.ColumnAsync(orgId, "stripe_subscription_status"));
        Assert.Null(await api.InstantAsync(orgId, "next_billing_date"));

        await api.DeliverEventAsync("customer.subscription.resumed", t.AddMinutes(1), StripePayloads.Subscription("sub_l", "cus_life", "active", periodEnd: t.AddMonths(1)));
        await api.ProcessAsync();
        Assert.Equal("active", await api.ColumnAsync(orgId, "stripe_subscription_status"));

        var ended = t.AddMinutes(2);
        await api.DeliverEventAsync("customer.subscription.deleted", ended, StripePayloads.Subscription("sub_l", "cus_life", "canceled", periodEnd: t.AddMonths(1), endedAt: ended));
        await api.ProcessAsync();
        Assert.Equal("canceled", await api.ColumnAsync(orgId, "stripe_subscription_status"));
        Assert.Equal(ended, await api.InstantAsync(orgId, "subscription_ends_at"));
        Assert.Null(await api.InstantAsync(orgId, "next_billing_date"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_failed_payment_flags_the_issue_and_emails_the_owners_at_most_once_per_interval_and_a_paid_invoice_clears_it(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, owner) = await api.OrganizationAsync("Dunning", customer: "cus_dun");
        var first = Seconds(api.Time.GetUtcNow()).AddMinutes(-5);

        await api.DeliverEventAsync("invoice.payment_failed", first, StripePayloads.Invoice("cus_dun", "sub_d", amountDue: 4900, currency: "eur"));
        await api.DeliverEventAsync("invoice.payment_failed", first.AddMinutes(1), StripePayloads.Invoice("cus_dun", "sub_d"));
        await api.ProcessAsync();

        var mail = Assert.Single(await api.Mail.MessagesToAsync(owner));
        Assert.Equal("Payment failed for your organization on TimeTracker", mail.Subject);
        Assert.Contains("your organization named \u201CDunning\u201D", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("49.00 EUR", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://invoice.stripe.test/i/abc", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(first, await api.InstantAsync(orgId, "billing_issue_detected_at"));
        // PostgreSQL keeps microseconds.
        Assert.Equal(api.Time.GetUtcNow(), (await api.InstantAsync(orgId, "last_billing_email_sent_at"))!.Value, TimeSpan.FromMilliseconds(1));

        api.Time.Advance(TimeSpan.FromDays(3));
        await api.DeliverEventAsync("invoice.payment_failed", Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_dun", "sub_d"));
        await api.ProcessAsync();
        Assert.Equal(2, (await api.Mail.MessagesToAsync(owner)).Count);
        Assert.Equal(first, await api.InstantAsync(orgId, "billing_issue_detected_at"));

        await api.DeliverEventAsync("invoice.paid", Seconds(api.Time.GetUtcNow()).AddSeconds(5), StripePayloads.Invoice("cus_dun", "sub_d"));
        await api.ProcessAsync();
        Assert.Null(await api.InstantAsync(orgId, "billing_issue_detected_at"));

        // A new failure after the paid invoice is a new issue: the owners hear of it at once, interval or not.
        api.Time.Advance(TimeSpan.FromHours(1));
        await api.DeliverEventAsync("invoice.payment_failed", Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_dun", "sub_d"));
        await api.ProcessAsync();
        Assert.Equal(3, (await api.Mail.MessagesToAsync(owner)).Count);
    }

    [Theory]
    [InlineData("active", false)]
    [InlineData("trialing", false)]
    [InlineData("past_due", false)]
    [InlineData("incomplete", false)]
    [InlineData("canceled", true)]
    [InlineData("incomplete_expired", true)]
    [InlineData("unpaid", true)]
    [InlineData("paused", true)]
    public void Membership_changes_freeze_once_stripe_stops_the_subscription(string status, bool frozen)
    {
        var membership = new TimeTracker.Organizations.Membership(1, "Org", "org", "owner", status, TrialEndsAt: null);

        Assert.Equal(frozen, membership.IsReadOnly(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task A_payment_waiting_for_the_customer_emails_a_link_to_confirm_it()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var (_, owner) = await api.OrganizationAsync("Confirm", customer: "cus_3ds");

        await api.DeliverEventAsync("invoice.payment_action_required", Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_3ds", "sub_3", amountDue: 1200, currency: "jpy"));
        await api.ProcessAsync();

        var mail = Assert.Single(await api.Mail.MessagesToAsync(owner));
        Assert.Equal("Confirm a payment for your organization on TimeTracker", mail.Subject);
        Assert.Contains("1200 JPY", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trial_will_end_tells_the_owners_when()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var (orgId, owner) = await api.OrganizationAsync("Trial", customer: "cus_trial");
        var trialEnd = new DateTimeOffset(2031, 3, 14, 9, 30, 0, TimeSpan.Zero);

        await api.DeliverEventAsync("customer.subscription.trial_will_end", Seconds(api.Time.GetUtcNow()),
            StripePayloads.Subscription("sub_t", "cus_trial", "trialing", periodEnd: trialEnd, trialEnd: trialEnd));
        await api.ProcessAsync();

        var mail = Assert.Single(await api.Mail.MessagesToAsync(owner));
        Assert.Equal("Your organization's TimeTracker trial ends on 14 March 2031", mail.Subject);
        Assert.Equal(trialEnd, await api.InstantAsync(orgId, "trial_ends_at"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_deleted_customer_cancels_the_subscription_and_the_subscription_deleted_after_it_still_finds_the_organization(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Gone", customer: "cus_gone");
        var t = Seconds(api.Time.GetUtcNow()).AddMinutes(-1);
        await api.DeliverEventAsync("customer.subscription.created", t, StripePayloads.Subscription("sub_g", "cus_gone", "active", periodEnd: t.AddMonths(1)));
        await api.ProcessAsync();

        await api.DeliverEventAsync("customer.deleted", t.AddSeconds(30), StripePayloads.Customer("cus_gone"));
        await api.ProcessAsync();

        Assert.Equal("cus_gone||canceled", $"{await api.ColumnAsync(orgId, "stripe_customer_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_id")}|{await api.ColumnAsync(orgId, "stripe_subscription_status")}");
        Assert.Equal(t.AddSeconds(30), await api.InstantAsync(orgId, "subscription_ends_at"));

        // Stripe sends the subscription's deletion with the customer's; it finds the organization and fails nothing.
        var deleted = await api.DeliverEventAsync("customer.subscription.deleted", t.AddSeconds(30),
            StripePayloads.Subscription("sub_g", "cus_gone", "canceled", endedAt: t.AddSeconds(30)));
        await api.ProcessAsync();
        Assert.Equal(("processed", 1, ""), await api.EventStateAsync(deleted));
        Assert.Equal("canceled", await api.ColumnAsync(orgId, "stripe_subscription_status"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_trial_notice_retried_after_a_newer_subscription_event_is_still_sent(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var (orgId, owner) = await api.OrganizationAsync("Late notice", customer: "cus_late");
        var t = Seconds(api.Time.GetUtcNow()).AddMinutes(-1);
        var trialEnd = t.AddDays(3);
        await api.DeliverEventAsync("customer.subscription.updated", t.AddSeconds(10),
            StripePayloads.Subscription("sub_late", "cus_late", "trialing", quantity: 8, periodEnd: trialEnd, trialEnd: trialEnd));
        await api.ProcessAsync();

        await api.DeliverEventAsync("customer.subscription.trial_will_end", t,
            StripePayloads.Subscription("sub_late", "cus_late", "trialing", quantity: 2, periodEnd: trialEnd, trialEnd: trialEnd));
        await api.ProcessAsync();

        Assert.Single(await api.Mail.MessagesToAsync(owner));
        Assert.Equal("8", await api.ColumnAsync(orgId, "subscription_quantity"));
    }

    [Fact]
    public async Task When_one_owners_address_is_refused_the_other_owners_are_emailed_once_and_the_event_is_done()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var (orgId, owner) = await api.OrganizationAsync("Two owners", customer: "cus_two");
        var now = api.Time.GetUtcNow();
        // An address the mail library refuses to parse stands for a recipient the server will never take.
        await api.SqlAsync($"INSERT INTO users (email, name, created_at, updated_at) VALUES ('not an address', 'Broken', '{now:yyyy-MM-dd HH:mm:ss}', '{now:yyyy-MM-dd HH:mm:ss}') RETURNING id");
        await api.SqlAsync($"INSERT INTO memberships (organization_id, user_id, role, created_at) SELECT {orgId}, id, 'owner', created_at FROM users WHERE email = 'not an address' RETURNING id");

        var id = await api.DeliverEventAsync("invoice.payment_failed", Seconds(now), StripePayloads.Invoice("cus_two", "sub_two"));
        await api.ProcessAsync();

        Assert.Equal(("processed", 1, ""), await api.EventStateAsync(id));
        Assert.Single(await api.Mail.MessagesToAsync(owner));
    }

    [Fact]
    public async Task A_checkout_of_an_organization_deleted_since_fails_for_good_at_once()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var (orgId, _) = await api.OrganizationAsync("Deleted");
        var checkout = await api.CompletedCheckoutAsync(orgId, "cus_nobody", "sub_n");
        await api.SqlAsync($"DELETE FROM organizations WHERE id = {orgId} RETURNING id");
        var id = await api.DeliverEventAsync("checkout.session.completed", Seconds(api.Time.GetUtcNow()), checkout);

        await api.ProcessAsync();

        var (status, attempts, error) = await api.EventStateAsync(id);
        Assert.Equal(("failed", 1), (status, attempts));
        Assert.Contains($"Checkout Session {checkout["id"]}", error, StringComparison.Ordinal);
        Assert.Equal([""], await api.SqlAsync("SELECT COALESCE(CAST(next_attempt_at AS TEXT), '') FROM subscription_events"));
    }

    [Fact]
    public async Task When_no_email_of_an_event_can_be_sent_the_event_fails_and_is_retried_with_nothing_of_it_kept()
    {
        await using var api = await BillingApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["Email:Smtp:Port"] = "1" });
        var (orgId, _) = await api.OrganizationAsync("Mail down", customer: "cus_down");

        var id = await api.DeliverEventAsync("invoice.payment_failed", Seconds(api.Time.GetUtcNow()), StripePayloads.Invoice("cus_down", "sub_down"));
        await api.ProcessAsync();

        var (status, attempts, error) = await api.EventStateAsync(id);
        Assert.Equal(("failed", 1), (status, attempts));
        Assert.Contains("No email for this event could be sent", error, StringComparison.Ordinal);
        Assert.Null(await api.InstantAsync(orgId, "billing_issue_detected_at"));
        Assert.Null(await api.InstantAsync(orgId, "last_billing_email_sent_at"));
    }

    /// <summary>Stripe's times are whole seconds.</summary>
    internal static DateTimeOffset Seconds(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
}

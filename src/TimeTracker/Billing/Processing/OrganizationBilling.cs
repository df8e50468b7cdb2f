using TimeTracker.Organizations;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Database;
using TimeTracker.Email;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// Applies one Stripe event to its organization's billing columns, inside the processing transaction. Events
/// come in any order: each organization keeps Stripe's creation time of the newest subscription event and of
/// the newest invoice event it applied, and an older one changes nothing. Payloads are read in the shape of
/// the API version the webhook endpoint is pinned to (see <see cref="StripeApiVersion.Pinned"/>);
/// fields an older version kept elsewhere are read there too.
/// </summary>
internal sealed class OrganizationBilling(BillingMail mail, IOptions<BillingOptions> options, TimeProvider time, ILogger<OrganizationBilling> logger)
{
    /// <summary>
    /// Applies <paramref name="claimed"/>; returns the organization it concerned, if one, and the emails it calls for,
    /// which the caller sends before it commits.
    /// </summary>
    /// <exception cref="BillingEventException">The event cannot be applied (now, or ever).</exception>
    public async Task<EventEffect> ApplyAsync(DbSession session, ClaimedEvent claimed, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(claimed.Payload);
        var root = new StripeObject(document.RootElement);
        var data = root.Object("data")?.Object("object")
            ?? throw new BillingEventException("The stored payload has no data.object; it cannot be applied.", retryable: false);
        var applied = new AppliedEvent(session, claimed, data, claimed.StripeCreatedAt ?? root.Time("created") ?? time.GetUtcNow(), []);
        var organizationId = claimed.Type switch
        {
            StripeEventTypes.CheckoutSessionCompleted => await CheckoutCompletedAsync(applied, cancellationToken),
            StripeEventTypes.CustomerDeleted => await CustomerDeletedAsync(applied, cancellationToken),
            StripeEventTypes.InvoicePaid or StripeEventTypes.InvoicePaymentFailed or StripeEventTypes.InvoicePaymentActionRequired =>
                await InvoiceAsync(applied, cancellationToken),
            _ when StripeEventTypes.IsSubscription(claimed.Type) => await SubscriptionAsync(applied, cancellationToken),
            _ => throw new BillingEventException($"TimeTracker has no handler for '{claimed.Type}' events.", retryable: false),
        };
        return new EventEffect(organizationId, applied.Emails);
    }

    /// <summary>
    /// Links the organization to the session's customer, but only for a Checkout Session this server created for it
    /// (<see cref="Sessions.BillingSessions"/>): anyone can complete a Checkout of their own making that names any
    /// organization, so the event's own fields prove nothing. An organization already linked to another customer is
    /// never re-linked by an event; a person decides.
    /// </summary>
    private async Task<long?> CheckoutCompletedAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var sessionId = applied.Data.String("id")
            ?? throw new BillingEventException(
                "The Checkout Session has no id; it cannot be matched to a Checkout this server started. Nothing was changed.", retryable: false);
        var session = await applied.Session.QuerySingleOrDefaultAsync(
            "SELECT organization_id FROM billing_checkout_sessions WHERE stripe_session_id = @session",
            r => (long?)r.Int64("organization_id"), cancellationToken, ("session", sessionId));
        var named = Named(applied.Data);
        var organizationId = session
            ?? throw new BillingEventException(
                $"Checkout Session {sessionId} ({named}) was not started by this server (or its organization has been deleted since): " +
                $"it is not in billing_checkout_sessions. " +
                "Only a Checkout started with POST /api/v1/orgs/{id}/billing/checkout links an organization to a Stripe customer. " +
                "Nothing was changed.", retryable: false);
        var expected = organizationId.ToString(CultureInfo.InvariantCulture);
        if (applied.Data.String("client_reference_id") != expected || applied.Data.Object("metadata")?.String("organization_id") != expected)
            throw new BillingEventException(
                $"Checkout Session {sessionId} was started for organization {organizationId}, but the event has {named}; " +
                "client_reference_id and metadata.organization_id must both be that organization's id. Nothing was changed.", retryable: false);
        var customer = applied.Data.String("customer");
        var organization = await LockAsync(applied, "id = @key", organizationId, cancellationToken)
            ?? throw new BillingEventException(
                $"Organization {organizationId} (Checkout Session {sessionId}'s) does not exist; it may have been deleted.", retryable: false);
        if (customer is null)
        {
            Log.CheckoutEventWithoutCustomer(logger, applied.Event.StripeEventId);
            await CompleteSessionAsync(applied, sessionId, cancellationToken);
            return organization;
        }
        var linked = await applied.Session.ScalarAsync(
            "SELECT stripe_customer_id FROM organizations WHERE id = @org", cancellationToken, ("org", organization)) as string;
        if (linked is not null && linked != customer)
            throw new BillingEventException(
                $"Organization {organization} is linked to Stripe customer {linked}, " +
                $"but Checkout Session {sessionId} was completed by customer {customer}. " +
                $"An organization is never re-linked by an event; nothing was changed. If {customer} is to be the organization's customer, " +
                $"set organizations.stripe_customer_id of {organization} to it and retry this event (timetracker events retry " +
                $"{applied.Event.StripeEventId}).", retryable: false);
        try
        {
            // The subscription id is taken unless a newer subscription event already set one.
            await applied.Session.ExecuteAsync(
                "UPDATE organizations SET stripe_customer_id = @customer, " +
                "stripe_subscription_id = CASE WHEN subscription_event_created_at IS NULL OR subscription_event_created_at <= @created " +
                "THEN COALESCE(@subscription, stripe_subscription_id) ELSE stripe_subscription_id END, updated_at = @now WHERE id = @org",
                cancellationToken, ("customer", customer), ("created", applied.Created), ("subscription", applied.Data.String("subscription")),
                ("now", time.GetUtcNow()), ("org", organization));
        }
        catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
        {
            throw new BillingEventException($"Stripe customer {customer} is already linked to another organization; " +
                $"it cannot be linked to organization {organization} too.", retryable: false);
        }
        await CompleteSessionAsync(applied, sessionId, cancellationToken);
        return organization;
    }

    private async Task CompleteSessionAsync(AppliedEvent applied, string sessionId, CancellationToken cancellationToken) =>
        await applied.Session.ExecuteAsync(
            "UPDATE billing_checkout_sessions SET completed_at = COALESCE(completed_at, @now) WHERE stripe_session_id = @session",
            cancellationToken, ("now", time.GetUtcNow()), ("session", sessionId));

    /// <summary>The organization a Checkout Session's fields name, as an operator reads it.</summary>
    private static string Named(StripeObject session) =>
        $"client_reference_id {Quoted(session.String("client_reference_id"))}, " +
        $"metadata.organization_id {Quoted(session.Object("metadata")?.String("organization_id"))}";

    private static string Quoted(string? value) => value is null ? "(none)" : $"'{value}'";

    private async Task<long?> SubscriptionAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var data = applied.Data;
        var customer = CustomerOf(applied);
        var subscriptionId = data.String("id")
            ?? throw new BillingEventException($"The {applied.Event.Type} event's subscription has no id.", retryable: false);
        var status = data.String("status");
        var items = data.List("items");
        var firstItem = items.Count > 0 ? items[0] : (StripeObject?)null;
        // Since API version 2025-03-31 a subscription's period is per item; earlier versions had it on the subscription.
        var periodEnd = items.Select(item => item.Time("current_period_end")).Where(end => end is not null).Min() ?? data.Time("current_period_end");
        var endsAt = data.Time("ended_at") ?? data.Time("cancel_at") ?? (data.Bool("cancel_at_period_end") ? periodEnd : null);
        var nextBilling = SubscriptionState.Of(status) is { Bills: true } && endsAt is null ? periodEnd : null;
        // One statement finds, checks and changes the organization. It changes nothing when the event is older than the
        // newest subscription event applied (or of the same second and would take a later status back to incomplete),
        // or when it ends a subscription while the organization runs another one it moved to.
        var changed = await applied.Session.QuerySingleOrDefaultAsync(
            "UPDATE organizations SET stripe_subscription_id = @subscription, stripe_subscription_status = @status, stripe_price_id = @price, " +
            "subscription_quantity = @quantity, trial_ends_at = @trial, subscription_ends_at = @ends, next_billing_date = @next, " +
            "subscription_event_created_at = @created, updated_at = @now " +
            "WHERE stripe_customer_id = @customer " +
            "AND (subscription_event_created_at IS NULL OR subscription_event_created_at < @created OR (subscription_event_created_at = @created " +
            "AND NOT (@incomplete AND stripe_subscription_status IS NOT NULL AND stripe_subscription_status <> 'incomplete'))) " +
            "AND NOT (@ending AND stripe_subscription_id IS NOT NULL AND stripe_subscription_id <> @subscription " +
            $"AND stripe_subscription_status IN ({SubscriptionState.LiveList})) " +
            "RETURNING id, name",
            r => (Id: r.Int64("id"), Name: r.String("name")),
            cancellationToken, ("subscription", subscriptionId), ("status", status), ("price", firstItem?.Object("price")?.String("id")),
            ("quantity", firstItem?.Long("quantity") is { } quantity ? (int)Math.Min(quantity, int.MaxValue) : null),
            ("trial", data.Time("trial_end")), ("ends", endsAt), ("next", nextBilling), ("created", applied.Created), ("now", time.GetUtcNow()),
            ("customer", customer), ("incomplete", SubscriptionState.Of(status) == SubscriptionState.Incomplete),
                ("ending", SubscriptionState.Of(status) is not { IsLive: true }));
        if (changed == default)
            changed = await UnchangedAsync(applied, customer, cancellationToken);
        // The notice is due even when a newer event already brought the state (this one may have been retried).
        if (applied.Event.Type == StripeEventTypes.SubscriptionTrialWillEnd && data.Time("trial_end") is { } trialEnd && trialEnd > time.GetUtcNow())
            await mail.TrialEndingAsync(applied.Session, changed.Id, changed.Name, trialEnd, applied.Emails, cancellationToken);
        return changed.Id;
    }

    private async Task<long?> InvoiceAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var customer = CustomerOf(applied);
        var paid = applied.Event.Type == StripeEventTypes.InvoicePaid;
        var now = time.GetUtcNow();
        // Unless the event is older than the newest invoice event applied: invoice.paid clears the issue (and the last
        // reminder's time), and a payment problem dates the issue from its first such event.
        var changed = await applied.Session.QuerySingleOrDefaultAsync(
            "UPDATE organizations SET billing_issue_detected_at = CASE WHEN @paid THEN NULL ELSE COALESCE(billing_issue_detected_at, " +
            "@created) END, " +
            "last_billing_email_sent_at = CASE WHEN @paid THEN NULL ELSE last_billing_email_sent_at END, " +
            "invoice_event_created_at = @created, updated_at = @now " +
            "WHERE stripe_customer_id = @customer AND (invoice_event_created_at IS NULL OR invoice_event_created_at <= @created) " +
            "RETURNING id, name",
            r => (Id: r.Int64("id"), Name: r.String("name")),
            cancellationToken, ("paid", paid), ("created", applied.Created), ("now", now), ("customer", customer));
        if (changed == default)
            return (await UnchangedAsync(applied, customer, cancellationToken)).Id;
        if (paid)
            return changed.Id;
        // Owners hear of an issue at once, then at most once per interval while it lasts (invoice.paid forgets the last
        // reminder, so a new issue is news again).
        var remind = await applied.Session.ExecuteAsync(
            "UPDATE organizations SET last_billing_email_sent_at = @now WHERE id = @org AND (last_billing_email_sent_at IS NULL " +
            "OR last_billing_email_sent_at <= @remindBefore)",
            cancellationToken, ("now", now), ("org", changed.Id), ("remindBefore", now - options.Value.DunningInterval)) == 1;
        if (remind)
        {
            var invoice = new InvoiceNotice(
                applied.Data.Long("amount_due"), applied.Data.String("currency"), applied.Data.String("hosted_invoice_url"));
            await mail.PaymentProblemAsync(applied.Session, changed.Id, changed.Name, invoice,
                actionRequired: applied.Event.Type == StripeEventTypes.InvoicePaymentActionRequired, applied.Emails, cancellationToken);
        }
        else
        {
            Log.PaymentReminderThrottled(logger, changed.Id, applied.Event.StripeEventId);
        }
        return changed.Id;
    }

    private static string CustomerOf(AppliedEvent applied) => applied.Data.String("customer")
        ?? throw new BillingEventException(
            $"The {applied.Event.Type} event names no customer, so no organization can be found for it.", retryable: false);

    /// <summary>An event that changed nothing: older than the state applied, or about a subscription left behind; or
    /// its customer is not linked yet.</summary>
    private async Task<(long Id, string Name)> UnchangedAsync(AppliedEvent applied, string customer, CancellationToken cancellationToken)
    {
        var organization = await applied.Session.QuerySingleOrDefaultAsync("SELECT id, name FROM organizations WHERE stripe_customer_id = @customer",
            r => (Id: r.Int64("id"), Name: r.String("name")), cancellationToken, ("customer", customer));
        if (organization == default)
            throw new BillingEventException(
                $"No organization is linked to Stripe customer {customer} (yet): a checkout.session.completed event links it. " +
                "Tried again later, in case that event is still on its way.", retryable: true);
        Log.StripeEventChangesNothing(logger, applied.Event.StripeEventId, applied.Event.Type, organization.Id);
        return organization;
    }

    private async Task<long?> CustomerDeletedAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var customer = applied.Data.String("id");
        var organization = customer is null ? null : await LockAsync(applied, "stripe_customer_id = @key", customer, cancellationToken);
        if (organization is null)
            return null; // A customer no organization is linked to: nothing of ours changes.
        // The customer is gone with its subscriptions. The organization keeps the customer's id, so that the events Stripe
        // sends around the deletion (customer.subscription.deleted, late retries) still find it and change nothing
        // newer; a new Checkout links the new customer in its place.
        await applied.Session.ExecuteAsync(
            "UPDATE organizations SET stripe_subscription_id = NULL, stripe_price_id = NULL, next_billing_date = NULL, " +
            "stripe_subscription_status = CASE WHEN stripe_subscription_status IS NULL THEN NULL ELSE 'canceled' END, " +
            "subscription_ends_at = CASE WHEN stripe_subscription_status IS NULL OR stripe_subscription_status = 'canceled' " +
            "THEN subscription_ends_at ELSE COALESCE(subscription_ends_at, @created) END, " +
            "subscription_event_created_at = @created, updated_at = @now WHERE id = @org",
            cancellationToken, ("created", applied.Created), ("now", time.GetUtcNow()), ("org", organization));
        return organization;
    }

    private static async Task<long?> LockAsync(AppliedEvent applied, string condition, object key, CancellationToken cancellationToken)
    {
        // On PostgreSQL two workers applying events of one organization take turns; SQLite has one writer anyway.
        // NO KEY: deliveries being stored reference the organization (a key-share lock), and must not wait for this.
        var id = await applied.Session.ScalarAsync(
            $"SELECT id FROM organizations WHERE {condition}{applied.Session.Dialect.LockForChange()}", cancellationToken, ("key", key));
        return id is null ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    private sealed record AppliedEvent(DbSession Session, ClaimedEvent Event, StripeObject Data, DateTimeOffset Created, List<EmailMessage> Emails);
}

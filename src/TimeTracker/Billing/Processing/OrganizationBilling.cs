using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Database;
using TimeTracker.Email;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// Applies one Stripe event to its organization's billing columns, inside the processing transaction. Events
/// come in any order: each organization keeps Stripe's creation time of the newest subscription event and of
/// the newest invoice event it applied, and an older one changes nothing. Payloads are read in the shape of
/// the API version the webhook endpoint is pinned to (see <see cref="StripeWebhookEndpoint.ApiVersion"/>);
/// fields an older version kept elsewhere are read there too.
/// </summary>
internal sealed partial class OrganizationBilling(AppDatabase database, BillingMail mail, IOptions<BillingOptions> options, TimeProvider time, ILogger<OrganizationBilling> logger)
{
    private const string Columns = "id, name, stripe_subscription_id, stripe_subscription_status, subscription_event_created_at, invoice_event_created_at, billing_issue_detected_at, last_billing_email_sent_at";

    /// <summary>
    /// Applies <paramref name="claimed"/>; returns the organization it concerned, if one, and the emails it calls for,
    /// which the caller sends before it commits.
    /// </summary>
    /// <exception cref="BillingEventException">The event cannot be applied (now, or ever).</exception>
    public async Task<EventEffect> ApplyAsync(DbConnection connection, DbTransaction transaction, ClaimedEvent claimed, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(claimed.Payload);
        var root = new StripeObject(document.RootElement);
        var data = root.Object("data")?.Object("object")
            ?? throw new BillingEventException("The stored payload has no data.object; it cannot be applied.", retryable: false);
        var applied = new AppliedEvent(connection, transaction, claimed, data, claimed.StripeCreatedAt ?? root.Time("created") ?? time.GetUtcNow(), []);
        var organizationId = claimed.Type switch
        {
            StripeEventTypes.CheckoutSessionCompleted => await CheckoutCompletedAsync(applied, cancellationToken).ConfigureAwait(false),
            StripeEventTypes.CustomerDeleted => await CustomerDeletedAsync(applied, cancellationToken).ConfigureAwait(false),
            StripeEventTypes.InvoicePaid or StripeEventTypes.InvoicePaymentFailed or StripeEventTypes.InvoicePaymentActionRequired =>
                await InvoiceAsync(applied, cancellationToken).ConfigureAwait(false),
            _ when StripeEventTypes.IsSubscription(claimed.Type) => await SubscriptionAsync(applied, cancellationToken).ConfigureAwait(false),
            _ => throw new BillingEventException($"TimeTracker has no handler for '{claimed.Type}' events.", retryable: false),
        };
        return new EventEffect(organizationId, applied.Emails);
    }

    private async Task<long?> CheckoutCompletedAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var reference = applied.Data.String("client_reference_id");
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId))
            throw new BillingEventException(
                $"The Checkout Session's client_reference_id is {(reference is null ? "missing" : $"'{reference}'")}, not an organization id: " +
                "TimeTracker starts Checkout with client_reference_id set to the organization's id.", retryable: false);
        var customer = applied.Data.String("customer");
        if (customer is null)
        {
            LogNoCustomer(logger, applied.Event.StripeEventId);
            return organizationId;
        }
        var organization = await LockAsync(applied, "id = @key", organizationId, cancellationToken).ConfigureAwait(false)
            ?? throw new BillingEventException($"Organization {organizationId} (the Checkout Session's client_reference_id) does not exist; it may have been deleted.", retryable: false);
        try
        {
            // The subscription id is taken unless a newer subscription event already set one.
            await applied.Connection.ExecuteAsync(applied.Transaction,
                "UPDATE organizations SET stripe_customer_id = @customer, " +
                "stripe_subscription_id = CASE WHEN subscription_event_created_at IS NULL OR subscription_event_created_at <= @created " +
                "THEN COALESCE(@subscription, stripe_subscription_id) ELSE stripe_subscription_id END, updated_at = @now WHERE id = @org",
                cancellationToken, ("customer", customer), ("created", applied.Created), ("subscription", applied.Data.String("subscription")),
                ("now", time.GetUtcNow()), ("org", organization.Id)).ConfigureAwait(false);
        }
        catch (DbException ex) when (UserStore.IsUniqueViolation(ex))
        {
            throw new BillingEventException($"Stripe customer {customer} is already linked to another organization; it cannot be linked to organization {organization.Id} too.", retryable: false);
        }
        return organization.Id;
    }

    private async Task<long?> SubscriptionAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var data = applied.Data;
        var organization = await LockByCustomerAsync(applied, data.String("customer"), cancellationToken).ConfigureAwait(false);
        var status = data.String("status");
        if (IsStale(organization.SubscriptionEventCreatedAt, applied.Created)
            || (organization.SubscriptionEventCreatedAt == applied.Created && status == "incomplete" && organization.SubscriptionStatus is not (null or "incomplete")))
        {
            LogStale(logger, applied.Event.StripeEventId, applied.Event.Type, organization.Id);
            return organization.Id;
        }
        var subscriptionId = data.String("id");
        if (organization.SubscriptionId is { } current && current != subscriptionId
            && OrganizationBillingState.IsLive(organization.SubscriptionStatus) && !OrganizationBillingState.IsLive(status))
        {
            // An old subscription ending must not end the one the organization moved to.
            LogOtherSubscription(logger, applied.Event.StripeEventId, subscriptionId, organization.Id, current);
            return organization.Id;
        }

        var items = data.List("items");
        var firstItem = items.Count > 0 ? items[0] : (StripeObject?)null;
        // Since API version 2025-03-31 a subscription's period is per item; earlier versions had it on the subscription.
        var periodEnd = items.Select(item => item.Time("current_period_end")).Where(end => end is not null).Min() ?? data.Time("current_period_end");
        var endsAt = data.Time("ended_at") ?? data.Time("cancel_at") ?? (data.Bool("cancel_at_period_end") ? periodEnd : null);
        var nextBilling = status is "active" or "trialing" or "past_due" && endsAt is null ? periodEnd : null;
        await applied.Connection.ExecuteAsync(applied.Transaction,
            "UPDATE organizations SET stripe_subscription_id = @subscription, stripe_subscription_status = @status, stripe_price_id = @price, " +
            "subscription_quantity = @quantity, trial_ends_at = @trial, subscription_ends_at = @ends, next_billing_date = @next, " +
            "subscription_event_created_at = @created, updated_at = @now WHERE id = @org",
            cancellationToken, ("subscription", subscriptionId), ("status", status), ("price", firstItem?.Object("price")?.String("id")),
            ("quantity", firstItem?.Long("quantity") is { } quantity ? (int)Math.Min(quantity, int.MaxValue) : null),
            ("trial", data.Time("trial_end")), ("ends", endsAt), ("next", nextBilling), ("created", applied.Created),
            ("now", time.GetUtcNow()), ("org", organization.Id)).ConfigureAwait(false);

        if (applied.Event.Type == StripeEventTypes.SubscriptionTrialWillEnd && data.Time("trial_end") is { } trialEnd)
            await mail.TrialEndingAsync(applied.Connection, applied.Transaction, organization, trialEnd, applied.Emails, cancellationToken).ConfigureAwait(false);
        return organization.Id;
    }

    private async Task<long?> InvoiceAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var organization = await LockByCustomerAsync(applied, applied.Data.String("customer"), cancellationToken).ConfigureAwait(false);
        if (IsStale(organization.InvoiceEventCreatedAt, applied.Created))
        {
            LogStale(logger, applied.Event.StripeEventId, applied.Event.Type, organization.Id);
            return organization.Id;
        }
        var now = time.GetUtcNow();
        if (applied.Event.Type == StripeEventTypes.InvoicePaid)
        {
            await applied.Connection.ExecuteAsync(applied.Transaction,
                "UPDATE organizations SET billing_issue_detected_at = NULL, invoice_event_created_at = @created, updated_at = @now WHERE id = @org",
                cancellationToken, ("created", applied.Created), ("now", now), ("org", organization.Id)).ConfigureAwait(false);
            return organization.Id;
        }

        // A payment failed or waits for the customer: the issue dates from its first such event. Owners hear of an
        // issue at once, then at most once per interval while it lasts; a new issue after a paid invoice is news again.
        var issueSince = organization.BillingIssueDetectedAt ?? applied.Created;
        var remind = organization.LastBillingEmailSentAt is not { } sent || sent < issueSince || now - sent >= options.Value.DunningInterval;
        await applied.Connection.ExecuteAsync(applied.Transaction,
            "UPDATE organizations SET billing_issue_detected_at = COALESCE(billing_issue_detected_at, @created), invoice_event_created_at = @created, " +
            "last_billing_email_sent_at = CASE WHEN @remind THEN @now ELSE last_billing_email_sent_at END, updated_at = @now WHERE id = @org",
            cancellationToken, ("created", applied.Created), ("remind", remind), ("now", now), ("org", organization.Id)).ConfigureAwait(false);
        if (remind)
        {
            var invoice = new InvoiceNotice(applied.Data.Long("amount_due"), applied.Data.String("currency"), applied.Data.String("hosted_invoice_url"));
            await mail.PaymentProblemAsync(applied.Connection, applied.Transaction, organization, invoice,
                actionRequired: applied.Event.Type == StripeEventTypes.InvoicePaymentActionRequired, applied.Emails, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogReminderThrottled(logger, organization.Id, applied.Event.StripeEventId);
        }
        return organization.Id;
    }

    private async Task<long?> CustomerDeletedAsync(AppliedEvent applied, CancellationToken cancellationToken)
    {
        var customer = applied.Data.String("id");
        var organization = customer is null ? null : await LockAsync(applied, "stripe_customer_id = @key", customer, cancellationToken).ConfigureAwait(false);
        if (organization is null)
            return null; // A customer no organization is linked to: nothing of ours changes.
        // The customer is gone with its subscriptions: the organization is unlinked (a new Checkout links a new customer).
        await applied.Connection.ExecuteAsync(applied.Transaction,
            "UPDATE organizations SET stripe_customer_id = NULL, stripe_subscription_id = NULL, stripe_price_id = NULL, next_billing_date = NULL, " +
            "stripe_subscription_status = CASE WHEN stripe_subscription_status IS NULL THEN NULL ELSE 'canceled' END, " +
            "subscription_ends_at = CASE WHEN stripe_subscription_status IS NULL OR stripe_subscription_status = 'canceled' THEN subscription_ends_at ELSE COALESCE(subscription_ends_at, @created) END, " +
            "subscription_event_created_at = @created, updated_at = @now WHERE id = @org",
            cancellationToken, ("created", applied.Created), ("now", time.GetUtcNow()), ("org", organization.Id)).ConfigureAwait(false);
        return organization.Id;
    }

    private async Task<OrganizationBillingState> LockByCustomerAsync(AppliedEvent applied, string? customer, CancellationToken cancellationToken)
    {
        if (customer is null)
            throw new BillingEventException($"The {applied.Event.Type} event names no customer, so no organization can be found for it.", retryable: false);
        return await LockAsync(applied, "stripe_customer_id = @key", customer, cancellationToken).ConfigureAwait(false)
            ?? throw new BillingEventException(
                $"No organization is linked to Stripe customer {customer} (yet): a checkout.session.completed event links it. " +
                "Tried again later, in case that event is still on its way.", retryable: true);
    }

    private Task<OrganizationBillingState?> LockAsync(AppliedEvent applied, string condition, object key, CancellationToken cancellationToken) =>
        // On PostgreSQL two workers applying events of one organization take turns; SQLite has one writer anyway.
        // NO KEY: deliveries being stored reference the organization (a key-share lock), and must not wait for this.
        applied.Connection.QuerySingleOrDefaultAsync(applied.Transaction,
            $"SELECT {Columns} FROM organizations WHERE {condition}{(database.IsPostgres ? " FOR NO KEY UPDATE" : "")}",
            r => new OrganizationBillingState(r.GetInt64(0), r.GetString(1), r.GetStringOrNull(2), r.GetStringOrNull(3), r.GetInstantOrNull(4), r.GetInstantOrNull(5), r.GetInstantOrNull(6), r.GetInstantOrNull(7)),
            cancellationToken, ("key", key));

    private static bool IsStale(DateTimeOffset? newestApplied, DateTimeOffset created) => newestApplied > created;

    private sealed record AppliedEvent(DbConnection Connection, DbTransaction Transaction, ClaimedEvent Event, StripeObject Data, DateTimeOffset Created, List<EmailMessage> Emails);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}) is older than the billing state organization {OrganizationId} already has; it changes nothing")]
    private static partial void LogStale(ILogger logger, string eventId, string type, long organizationId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Stripe event {EventId} ends subscription {SubscriptionId}, but organization {OrganizationId} has moved to {CurrentSubscriptionId}; it changes nothing")]
    private static partial void LogOtherSubscription(ILogger logger, string eventId, string? subscriptionId, long organizationId, string currentSubscriptionId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Organization {OrganizationId}'s owners were told of a payment problem less than the dunning interval ago; event {EventId} sends no email")]
    private static partial void LogReminderThrottled(ILogger logger, long organizationId, string eventId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Checkout Session event {EventId} has no customer; nothing to link")]
    private static partial void LogNoCustomer(ILogger logger, string eventId);
}

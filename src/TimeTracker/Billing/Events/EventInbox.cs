using System.Globalization;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Database;

namespace TimeTracker.Billing.Events;

/// <summary>
/// Stores verified webhook deliveries, once per Stripe event id however often (and however concurrently) Stripe
/// delivers them. Storing is all a delivery does; workers process later.
/// </summary>
internal sealed class EventInbox(AppDatabase database, TimeProvider time)
{
    // One statement: the organization is looked up by customer (or, for a Checkout Session, by the id it carries),
    // and a second delivery of an event id inserts nothing and returns no row.
    private const string Insert =
        "INSERT INTO subscription_events (stripe_event_id, event_type, organization_id, status, attempts, next_attempt_at, payload, stripe_created_at, received_at) " +
        "VALUES (@id, @type, COALESCE((SELECT id FROM organizations WHERE stripe_customer_id = @customer), (SELECT id FROM organizations WHERE id = @reference)), " +
        "@status, 0, @next, @payload, @created, @now) " +
        "ON CONFLICT (stripe_event_id) DO NOTHING RETURNING id";

    /// <summary>Stores <paramref name="envelope"/>'s event with its raw <paramref name="payload"/>; says whether it was new.</summary>
    public async Task<WebhookReceipt> StoreAsync(StripeEventEnvelope envelope, string payload, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var handled = StripeEventTypes.Handled.Contains(envelope.Type);
        var status = handled ? EventStatus.Pending : EventStatus.Ignored;
        long? reference = envelope.Type == StripeEventTypes.CheckoutSessionCompleted
            && long.TryParse(envelope.ClientReferenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId) ? organizationId : null;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var inserted = await connection.ScalarAsync(null, Insert, cancellationToken,
                ("id", envelope.Id), ("type", envelope.Type), ("customer", envelope.CustomerId), ("reference", reference), ("status", status),
                ("next", handled ? now : null), ("payload", new JsonText(payload)), ("created", envelope.Created), ("now", now)).ConfigureAwait(false);
            return new WebhookReceipt(envelope.Id, status, Duplicate: inserted is null);
        }
    }
}

using System.Text.Json;
using TimeTracker.Errors;

namespace TimeTracker.Billing.Webhooks;

/// <summary>What an event's envelope says: its id, type, Stripe's creation time, and whose it is.</summary>
/// <param name="Id">Stripe's event id (<c>evt_…</c>).</param>
/// <param name="Type">The event type, e.g. <c>invoice.paid</c>.</param>
/// <param name="Created">When Stripe created the event: the order in which events are applied.</param>
/// <param name="ApiVersion">The Stripe API version the payload is shaped by.</param>
/// <param name="CustomerId">The Stripe customer the event is about, when it names one.</param>
/// <param name="ClientReferenceId">A Checkout Session's <c>client_reference_id</c>: the organization id TimeTracker gave it.</param>
internal sealed record StripeEventEnvelope(
    string Id, string Type, DateTimeOffset Created, string? ApiVersion, string? CustomerId, string? ClientReferenceId)
{
    /// <summary>Reads the envelope of a webhook body.</summary>
    /// <exception cref="InvalidRequestException">The body is not JSON, or not a Stripe event.</exception>
    public static StripeEventEnvelope Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Malformed($"The body is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var root = new StripeObject(document.RootElement);
            if (document.RootElement.ValueKind != JsonValueKind.Object || root.String("object") != "event")
                throw Malformed("The body is JSON but not a Stripe event: it has no \"object\": \"event\".");
            var id = root.String("id");
            if (string.IsNullOrWhiteSpace(id))
                throw Malformed("The event has no \"id\".");
            var type = root.String("type");
            if (string.IsNullOrWhiteSpace(type))
                throw Malformed($"Event {id} has no \"type\".");
            // The columns' sizes: a longer value is no Stripe event, and refusing it here keeps it out of a batch insert.
            if (id.Length > 255 || type.Length > 100)
                throw Malformed("The event's id is longer than 255 characters or its type longer than 100; Stripe's never are.");
            var created = root.Time("created") ?? throw Malformed($"Event {id} has no \"created\" time.");
            var data = root.Object("data")?.Object("object") ?? throw Malformed($"Event {id} has no \"data\".\"object\".");
            return new StripeEventEnvelope(id, type, created, root.String("api_version"), CustomerOf(type, data), data.String("client_reference_id"));
        }
    }

    /// <summary>The customer an event's object belongs to (for <c>customer.*</c> events, the object is the customer).</summary>
    public static string? CustomerOf(string type, StripeObject data) =>
        type.StartsWith("customer.", StringComparison.Ordinal) && !StripeEventTypes.IsSubscription(type) ? data.String("id")
            : data.String("customer");

    private static InvalidRequestException Malformed(string detail) => new("Malformed Stripe event", detail + " Nothing was stored.");
}

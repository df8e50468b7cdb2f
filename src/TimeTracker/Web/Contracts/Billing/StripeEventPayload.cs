using System.Text.Json.Serialization;

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>
/// A Stripe event as the webhook's body, for the OpenAPI document: the members the endpoint reads (Stripe sends many
/// more). Never deserialized: the endpoint reads the exact bytes, which the <c>Stripe-Signature</c> header signs.
/// </summary>
/// <param name="Id">The event's id (<c>evt_…</c>), by which it is stored once.</param>
/// <param name="Type">The event's type, such as <c>customer.subscription.updated</c>.</param>
/// <param name="ApiVersion">The Stripe API version the payload is shaped by.</param>
/// <param name="Created">When Stripe created the event, in Unix seconds.</param>
internal sealed record StripeEventPayload(
    string Id, string Type, [property: JsonPropertyName("api_version")] string? ApiVersion, long Created);

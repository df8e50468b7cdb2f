namespace TimeTracker.Billing.Sessions;

/// <summary>A session Stripe created: a Checkout Session (<c>cs_…</c>) or a Billing Portal session (<c>bps_…</c>).</summary>
/// <param name="Id">Stripe's id of the session.</param>
/// <param name="Url">Where to send the owner's browser.</param>
/// <param name="RequestId">Stripe's id of the request that created it (its <c>Request-Id</c> header), for Stripe's support.</param>
internal sealed record StripeSession(string Id, string Url, string? RequestId);

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>The body of <c>POST /orgs/{id}/billing/checkout</c>: which of the configured prices (<c>Billing:Prices</c>)
/// to subscribe to; optional when only one is configured.</summary>
internal sealed record CheckoutRequest(string? Price = null);

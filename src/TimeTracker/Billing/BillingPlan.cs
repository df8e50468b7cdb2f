namespace TimeTracker.Billing;

/// <summary>A Stripe price and what <c>Billing:Plans</c> says of it; the description is empty when nothing is configured.</summary>
/// <param name="Price">The Stripe price id (<c>price_…</c>).</param>
/// <param name="Name">The plan's name.</param>
/// <param name="Amount">What one seat costs per <paramref name="Interval"/>.</param>
/// <param name="Currency">The ISO 4217 code of <paramref name="Amount"/>, upper case.</param>
/// <param name="Interval">How often Stripe bills: <c>month</c> or <c>year</c>.</param>
internal sealed record BillingPlan(string Price, string? Name, decimal? Amount, string? Currency, string? Interval);

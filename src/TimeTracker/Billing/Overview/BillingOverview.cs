using TimeTracker.Organizations;

namespace TimeTracker.Billing.Overview;

/// <summary>An organization's subscription as its owners see it on the billing page.</summary>
/// <param name="Status">Stripe's subscription status; null before the first subscription.</param>
/// <param name="Plan">The subscribed price, described; null without one.</param>
/// <param name="Seats">Members and pending invitations, as the seat limit counts them, against the subscription's quantity.</param>
/// <param name="TrialEndsAt">When the trial ends (or ended).</param>
/// <param name="NextBillingDate">When Stripe bills next, while the subscription bills and no end is set.</param>
/// <param name="SubscriptionEndsAt">When the subscription ends (or ended).</param>
/// <param name="HasCustomer">Whether a Checkout linked a Stripe customer, so that the Billing Portal can open.</param>
/// <param name="Warning">What members are told about billing, if anything.</param>
/// <param name="ReadOnly">Whether membership changes are frozen until billing is fixed.</param>
/// <param name="Plans">The prices an owner may subscribe to (<c>Billing:Prices</c>), described.</param>
internal sealed record BillingOverview(
    string? Status, BillingPlan? Plan, Seats Seats, DateTimeOffset? TrialEndsAt, DateTimeOffset? NextBillingDate,
    DateTimeOffset? SubscriptionEndsAt, bool HasCustomer, string? Warning, bool ReadOnly, IReadOnlyList<BillingPlan> Plans);

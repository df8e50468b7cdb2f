using System.ComponentModel.DataAnnotations;
using TimeTracker.Billing.Overview;
using TimeTracker.Web.Contracts.Organizations;

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>An organization's subscription, for its owners' billing page.</summary>
/// <param name="Status">Stripe's subscription status; null before the first subscription.</param>
/// <param name="Plan">The subscribed price; null without one.</param>
/// <param name="Seats">Seats used (members and pending invitations) and paid.</param>
/// <param name="TrialEndsAt">When the trial ends (or ended); null without one.</param>
/// <param name="NextBillingDate">When Stripe bills next; null unless the subscription bills and no end is set.</param>
/// <param name="SubscriptionEndsAt">When the subscription ends (or ended); null while it runs on.</param>
/// <param name="HasCustomer">Whether the organization has a Stripe customer: then the Billing Portal opens (<c>openBillingPortal</c>);
/// before, only Checkout (<c>startCheckout</c>).</param>
/// <param name="Warning">What members are told about billing (the organization's <c>billingWarning</c>).</param>
/// <param name="ReadOnly">Whether membership changes are frozen until billing is fixed (the organization's <c>readOnly</c>).</param>
/// <param name="Plans">The prices an owner may subscribe to with <c>startCheckout</c> (<c>Billing:Prices</c>); empty when none is sold.</param>
internal sealed record BillingResponse(
    [property: AllowedValues("incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused",
        null)] string? Status,
    BillingPlanResponse? Plan, SeatsResponse Seats, DateTimeOffset? TrialEndsAt, DateTimeOffset? NextBillingDate, DateTimeOffset? SubscriptionEndsAt,
    bool HasCustomer, string? Warning, bool ReadOnly, IReadOnlyList<BillingPlanResponse> Plans)
{
    /// <summary>The response describing <paramref name="overview"/>.</summary>
    public static BillingResponse Of(BillingOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var plan = overview.Plan is null ? null : BillingPlanResponse.Of(overview.Plan);
        return new(overview.Status, plan, SeatsResponse.Of(overview.Seats),
            overview.TrialEndsAt, overview.NextBillingDate, overview.SubscriptionEndsAt, overview.HasCustomer, overview.Warning, overview.ReadOnly,
            [.. overview.Plans.Select(BillingPlanResponse.Of)]);
    }
}

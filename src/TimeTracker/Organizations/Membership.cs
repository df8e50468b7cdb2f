
namespace TimeTracker.Organizations;

/// <summary>The caller's view of an organization it belongs to: the organization's row and the caller's role in it.</summary>
internal sealed record Membership(
    long OrganizationId, string Name, string Slug, string Role,
    string? SubscriptionStatus, DateTimeOffset? TrialEndsAt, int? SubscriptionQuantity = null)
{
    /// <summary>
    /// The most members (and pending invitations) allowed: the subscription's quantity while it bills
    /// (<see cref="SubscriptionState.Bills"/>), else no limit.
    /// </summary>
    public int? Seats => SubscriptionState.Of(SubscriptionStatus) is { Bills: true } ? SubscriptionQuantity : null;

    /// <summary>Whether membership changes are frozen until billing is fixed (see <see cref="SubscriptionState.FreezesMembershipOf"/>).</summary>
    public bool IsReadOnly(DateTimeOffset now) => SubscriptionState.FreezesMembershipOf(SubscriptionStatus, TrialEndsAt, now);

    /// <summary>What to tell members about billing, if anything (a failed payment keeps working for a grace period).</summary>
    public string? BillingWarning(DateTimeOffset now) =>
        SubscriptionState.Of(SubscriptionStatus) is { PaymentFailing: true }
            ? "A payment failed: update the payment method; membership changes keep working meanwhile."
        : IsReadOnly(now) ? "Billing needs attention: membership changes are frozen until the subscription is active again."
        : null;
}

namespace TimeTracker.Organizations;

/// <summary>The caller's view of an organization it belongs to: the organization's row and the caller's role in it.</summary>
internal sealed record Membership(
    long OrganizationId, string Name, string Slug, string Role,
    string? SubscriptionStatus, DateTimeOffset? TrialEndsAt, int? SubscriptionQuantity = null)
{
    /// <summary>The most members (and pending invitations) allowed: the subscription's quantity while there is a live subscription, else no limit.</summary>
    public int? Seats => SubscriptionStatus is "active" or "trialing" or "past_due" ? SubscriptionQuantity : null;

    /// <summary>
    /// Whether membership changes are frozen: the subscription ended (canceled, or never paid and expired), Stripe
    /// gave up collecting (unpaid), a trial ended without a payment method (paused), or a trial ended with no
    /// subscription after it. Fixing billing lifts it.
    /// </summary>
    public bool IsReadOnly(DateTimeOffset now) =>
        SubscriptionStatus is "canceled" or "incomplete_expired" or "unpaid" or "paused"
        || (TrialEndsAt <= now && SubscriptionStatus is null or "trialing");

    /// <summary>What to tell members about billing, if anything (a failed payment keeps working for a grace period).</summary>
    public string? BillingWarning(DateTimeOffset now) =>
        SubscriptionStatus == "past_due" ? "A payment failed: update the payment method; membership changes keep working meanwhile."
        : IsReadOnly(now) ? "Billing needs attention: membership changes are frozen until the subscription is active again."
        : null;
}

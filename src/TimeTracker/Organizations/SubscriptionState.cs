namespace TimeTracker.Organizations;

/// <summary>
/// A Stripe subscription status (<c>organizations.stripe_subscription_status</c>) and what it means here: the one
/// place that knows Stripe's statuses. A status Stripe adds later reads as none of them (<see cref="Of"/> is null):
/// not running, no seat limit, nothing frozen, until it is described here.
/// </summary>
internal sealed class SubscriptionState
{
    private SubscriptionState(string status, bool isLive, bool bills, bool freezesMembership, bool paymentFailing)
    {
        Status = status;
        IsLive = isLive;
        Bills = bills;
        FreezesMembership = freezesMembership;
        PaymentFailing = paymentFailing;
    }

    /// <summary>Paid and running.</summary>
    public static readonly SubscriptionState Active = new("active", isLive: true, bills: true, freezesMembership: false, paymentFailing: false);

    /// <summary>In Stripe's trial; billed when it ends.</summary>
    public static readonly SubscriptionState Trialing = new("trialing", isLive: true, bills: true, freezesMembership: false, paymentFailing: false);

    /// <summary>A payment failed and Stripe is retrying it: everything keeps working meanwhile, with a warning.</summary>
    public static readonly SubscriptionState PastDue = new("past_due", isLive: true, bills: true, freezesMembership: false, paymentFailing: true);

    /// <summary>Ended (by the customer, or after failed payments): membership changes are frozen until a new subscription.</summary>
    public static readonly SubscriptionState Canceled = new("canceled", isLive: false, bills: false, freezesMembership: true, paymentFailing: false);

    /// <summary>Stripe gave up collecting but keeps the subscription: frozen until the invoice is paid.</summary>
    public static readonly SubscriptionState Unpaid = new("unpaid", isLive: true, bills: false, freezesMembership: true, paymentFailing: false);

    /// <summary>The first payment has not gone through yet (e.g. it awaits authentication): not yet billing, not frozen.</summary>
    public static readonly SubscriptionState Incomplete =
        new("incomplete", isLive: false, bills: false, freezesMembership: false, paymentFailing: false);

    /// <summary>The first payment never went through within 23 hours: the subscription is gone.</summary>
    public static readonly SubscriptionState IncompleteExpired =
        new("incomplete_expired", isLive: false, bills: false, freezesMembership: true, paymentFailing: false);

    /// <summary>A trial ended without a payment method: kept, but frozen until one is added.</summary>
    public static readonly SubscriptionState Paused = new("paused", isLive: true, bills: false, freezesMembership: true, paymentFailing: false);

    /// <summary>Every status Stripe documents for a subscription.</summary>
    public static readonly IReadOnlyList<SubscriptionState> All =
        [Active, Trialing, PastDue, Canceled, Unpaid, Incomplete, IncompleteExpired, Paused];

    /// <summary>The statuses of a subscription that is still running, as an SQL list of literals (for a status column).</summary>
    public static readonly string LiveList = string.Join(", ", All.Where(state => state.IsLive).Select(state => $"'{state.Status}'"));

    /// <summary>Stripe's name of the status.</summary>
    public string Status { get; }

    /// <summary>Stripe still runs the subscription (it may bill again), so a second Checkout would bill the organization twice.</summary>
    public bool IsLive { get; }

    /// <summary>It bills now: its quantity is the organization's seat limit, and its period end is the next billing date.</summary>
    public bool Bills { get; }

    /// <summary>Billing needs attention first: inviting and other membership changes are refused (payment required); tracking goes on.</summary>
    public bool FreezesMembership { get; }

    /// <summary>A payment failed and is being retried: members are warned, nothing is frozen yet.</summary>
    public bool PaymentFailing { get; }

    /// <summary>The state of <paramref name="status"/>; null for no subscription or a status not described here.</summary>
    public static SubscriptionState? Of(string? status) => All.FirstOrDefault(state => state.Status == status);

    /// <summary>
    /// Whether an organization's membership changes are frozen: its subscription is in a freezing state, or its trial
    /// (the server's own, without a subscription, or Stripe's, not yet updated by an event) ended at <paramref name="trialEndsAt"/>.
    /// </summary>
    public static bool FreezesMembershipOf(string? status, DateTimeOffset? trialEndsAt, DateTimeOffset now) =>
        Of(status) is { FreezesMembership: true } || (trialEndsAt <= now && (status is null || Of(status) == Trialing));

    /// <inheritdoc/>
    public override string ToString() => Status;
}

namespace TimeTracker.Billing.Webhooks;

/// <summary>The Stripe event types that change an organization's billing state; any other type is stored as <c>ignored</c>.</summary>
internal static class StripeEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string SubscriptionCreated = "customer.subscription.created";
    public const string SubscriptionUpdated = "customer.subscription.updated";
    public const string SubscriptionDeleted = "customer.subscription.deleted";
    public const string SubscriptionTrialWillEnd = "customer.subscription.trial_will_end";
    public const string SubscriptionPaused = "customer.subscription.paused";
    public const string SubscriptionResumed = "customer.subscription.resumed";
    public const string InvoicePaid = "invoice.paid";
    public const string InvoicePaymentFailed = "invoice.payment_failed";
    public const string InvoicePaymentActionRequired = "invoice.payment_action_required";
    public const string CustomerDeleted = "customer.deleted";

    /// <summary>Every handled type.</summary>
    public static readonly IReadOnlySet<string> Handled = new HashSet<string>(StringComparer.Ordinal)
    {
        CheckoutSessionCompleted, SubscriptionCreated, SubscriptionUpdated, SubscriptionDeleted, SubscriptionTrialWillEnd,
        SubscriptionPaused, SubscriptionResumed, InvoicePaid, InvoicePaymentFailed, InvoicePaymentActionRequired, CustomerDeleted,
    };

    /// <summary>Whether events of <paramref name="type"/> carry a subscription object (<c>customer.subscription.*</c>).</summary>
    public static bool IsSubscription(string type) => type.StartsWith("customer.subscription.", StringComparison.Ordinal);
}

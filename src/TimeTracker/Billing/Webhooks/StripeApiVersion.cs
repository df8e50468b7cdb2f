namespace TimeTracker.Billing.Webhooks;

/// <summary>The Stripe API version TimeTracker speaks: its calls send it, and its webhook endpoint must be pinned to it.</summary>
internal static class StripeApiVersion
{
    /// <summary>
    /// Stripe.net 53.1's version. Payloads are read in its shape; events of another version are stored and processed,
    /// with a warning in the log.
    /// </summary>
    public const string Pinned = "2026-10-28.endive";
}

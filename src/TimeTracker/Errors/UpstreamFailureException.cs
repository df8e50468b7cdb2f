namespace TimeTracker.Errors;

/// <summary>
/// A service this server calls (Stripe, the only one so far) could not be reached, was too slow, refused, or answered
/// something unreadable; nothing was done.
/// </summary>
internal sealed class UpstreamFailureException(string title, string detail, string? stripeRequestId) : TimeTrackerException(title, detail)
{
    /// <summary>The id Stripe gave the failed call (its <c>Request-Id</c>), for Stripe's support; null when it gave none.</summary>
    public string? StripeRequestId { get; } = stripeRequestId;
}

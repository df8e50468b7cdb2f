namespace TimeTracker.Billing.Events;

/// <summary>The states of a stored Stripe event (<c>subscription_events.status</c>).</summary>
internal static class EventStatus
{
    /// <summary>Stored, waiting for a worker.</summary>
    public const string Pending = "pending";

    /// <summary>Claimed by a worker until <c>next_attempt_at</c> (its lease); claimed again after that if the worker died.</summary>
    public const string Processing = "processing";

    /// <summary>Applied (or found older than the state already applied).</summary>
    public const string Processed = "processed";

    /// <summary>The last attempt failed: retried at <c>next_attempt_at</c>, or never again when that is empty.</summary>
    public const string Failed = "failed";

    /// <summary>A type TimeTracker does not act on; kept as a record.</summary>
    public const string Ignored = "ignored";

    /// <summary>Every status, for validating filters.</summary>
    public static readonly IReadOnlyList<string> All = [Pending, Processing, Processed, Failed, Ignored];
}

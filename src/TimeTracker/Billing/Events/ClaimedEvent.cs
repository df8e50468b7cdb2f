namespace TimeTracker.Billing.Events;

/// <summary>A stored event a worker has claimed. <paramref name="Attempts"/> counts this attempt and fences it: once the lease is
/// lost and the event claimed again, this worker's result no longer applies.</summary>
internal sealed record ClaimedEvent(
    long Id, string StripeEventId, string Type, long? OrganizationId, int Attempts, string Payload, DateTimeOffset? StripeCreatedAt);

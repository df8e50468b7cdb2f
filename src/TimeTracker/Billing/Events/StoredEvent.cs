namespace TimeTracker.Billing.Events;

/// <summary>A stored Stripe event as the <c>events</c> commands show it.</summary>
/// <param name="Id">The row id (<c>events show 42</c>).</param>
/// <param name="StripeEventId">Stripe's event id (<c>evt_…</c>).</param>
/// <param name="Type">The event type.</param>
/// <param name="Status">pending, processing, processed, failed or ignored.</param>
/// <param name="Attempts">Processing attempts so far.</param>
/// <param name="OrganizationId">The organization it concerns, once known.</param>
/// <param name="StripeCreatedAt">When Stripe created it.</param>
/// <param name="ReceivedAt">When it was first delivered here.</param>
/// <param name="NextAttemptAt">When it is due (its lease's end while processing; none once finished or given up).</param>
/// <param name="ProcessedAt">When it was applied.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="Payload">The event as Stripe sent it (only in <c>events show</c>).</param>
internal sealed record StoredEvent(
    long Id, string StripeEventId, string Type, string Status, int Attempts, long? OrganizationId,
    DateTimeOffset? StripeCreatedAt, DateTimeOffset ReceivedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? ProcessedAt,
    string? LastError,
    [property: System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Payload = null);

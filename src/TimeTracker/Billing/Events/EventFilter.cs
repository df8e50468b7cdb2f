namespace TimeTracker.Billing.Events;

/// <summary>Which stored events <c>events list</c> shows: each given criterion must hold; newest first, at most <paramref name="Limit"/>.</summary>
internal sealed record EventFilter(string? Status, string? Type, long? OrganizationId, int Limit);

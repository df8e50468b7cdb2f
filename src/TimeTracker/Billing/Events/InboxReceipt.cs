namespace TimeTracker.Billing.Events;

/// <summary>A delivery stored in the inbox: the event's id, its status on arrival, and whether an earlier delivery had stored it.</summary>
internal sealed record InboxReceipt(string EventId, string Status, bool Duplicate);

namespace TimeTracker.Tracking.Audit;

/// <summary>The filters of the audit log's list: the kind of thing and its id (an entry's history), who acted, and from and to (dates in the
/// caller's time zone, both included, or instants), with the page's limit and cursor.</summary>
internal sealed record AuditQuery(
    string? EntityType = null, string? EntityId = null, long? ActorId = null, string? From = null, string? To = null, string? Limit = null,
    string? Cursor = null);

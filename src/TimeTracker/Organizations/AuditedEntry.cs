namespace TimeTracker.Organizations;

/// <summary>A time entry as an audit row records it, before or after a change (its owner is the row's <c>userId</c>).</summary>
internal sealed record AuditedEntry(
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long? DurationSeconds, long? ProjectId, long? TaskId, string? Description, bool Billable,
    IReadOnlyList<string> Tags);

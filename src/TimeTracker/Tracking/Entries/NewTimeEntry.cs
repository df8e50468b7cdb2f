namespace TimeTracker.Tracking.Entries;

/// <summary>
/// A finished entry to record, as asked (validated by <see cref="TimeEntries.CreateAsync"/>): times as ISO 8601 text,
/// <see cref="UserId"/> for another member (managers only).
/// </summary>
internal sealed record NewTimeEntry(
    string? StartedAt, string? EndedAt, long? ProjectId, long? TaskId, string? Description, bool? Billable, IReadOnlyList<string>? Tags,
    string? Source, bool? Force, long? UserId);

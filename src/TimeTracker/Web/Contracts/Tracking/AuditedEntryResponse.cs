using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A time entry as an audit row recorded it, before or after the change.</summary>
internal sealed record AuditedEntryResponse(
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long? DurationSeconds, long? ProjectId, long? TaskId, string? Description, bool Billable,
    IReadOnlyList<string> Tags)
{
    /// <summary>The response describing <paramref name="entry"/>, or null.</summary>
    public static AuditedEntryResponse? Of(AuditedEntry? entry) => entry is null ? null
        : new(entry.StartedAt, entry.EndedAt, entry.DurationSeconds, entry.ProjectId, entry.TaskId, entry.Description, entry.Billable, entry.Tags);
}

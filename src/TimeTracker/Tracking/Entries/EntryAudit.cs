using TimeTracker.Database;
using TimeTracker.Organizations;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// Writes the audit row of every change of a time entry, in the change's transaction: who (the caller), when, whose entry,
/// and the entry before and after (a creation has no before, a deletion no after).
/// </summary>
internal sealed class EntryAudit(AuditLog audit)
{
    public const string Created = "time_entry.created";
    public const string Updated = "time_entry.updated";
    public const string Deleted = "time_entry.deleted";
    public const string Stopped = "time_entry.stopped";

    /// <summary>Records <paramref name="action"/> by <paramref name="actorId"/> on the entry, from <paramref name="before"/> to
    /// <paramref name="after"/>.</summary>
    public Task RecordAsync(DbSession session, long organizationId, long actorId, string action, TimeEntry? before, TimeEntry? after,
        CancellationToken cancellationToken)
    {
        var entry = after ?? before ?? throw new ArgumentException("An entry's change has a before or an after.", nameof(after));
        return audit.RecordEntryAsync(session, actorId, action, entry.Id,
            new EntryAuditDetails(organizationId, entry.UserId, Audited(before), Audited(after)), cancellationToken);
    }

    private static AuditedEntry? Audited(TimeEntry? entry) => entry is null ? null
        : new(entry.StartedAt, entry.EndedAt, entry.DurationSeconds, entry.ProjectId, entry.TaskId, entry.Description, entry.Billable, entry.Tags);
}

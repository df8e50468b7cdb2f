namespace TimeTracker.Tracking.Entries;

/// <summary>
/// A time entry: a running timer has no end and no duration; an invoiced one is locked until the invoice is voided; an
/// auto-stopped one is a timer the forgotten-timer worker ended at its organization's cap (the mark stays when it is edited).
/// Lists say why an entry is locked for the caller by a lock date or timesheet (<see cref="EntryLock"/>) in
/// <see cref="LockReason"/>.
/// </summary>
internal sealed record TimeEntry(
    long Id, long UserId, long? ProjectId, long? TaskId, string? Description,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long? DurationSeconds, bool Billable, string Source,
    IReadOnlyList<string> Tags, DateTimeOffset? LockedAt, long? InvoiceId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool AutoStopped = false, string? LockReason = null)
{
    /// <summary>Whether this is a running timer.</summary>
    public bool IsRunning => EndedAt is null;
}

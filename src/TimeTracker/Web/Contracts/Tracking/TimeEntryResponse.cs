using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Entries;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// A time entry. A running timer has no <c>endedAt</c> and no <c>durationSeconds</c>; an invoiced entry has
/// <c>lockedAt</c> and <c>invoiceId</c> and cannot be changed until the invoice is voided. <c>autoStopped</c> marks a
/// timer the server stopped at the organization's cap (see <c>/orgs/{orgId}/timer-policy</c>); it stays true when the
/// entry is edited afterwards. <c>lockReason</c> (on reads) says why the entry is locked for the caller by the
/// organization's lock date or a submitted or approved timesheet, or is null.
/// </summary>
internal sealed record TimeEntryResponse(
    long Id, long UserId, long? ProjectId, long? TaskId, string? Description,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long? DurationSeconds, bool Billable,
    [property: AllowedValues(EntrySource.Manual, EntrySource.Timer, EntrySource.Api, EntrySource.Import)] string Source,
    IReadOnlyList<string> Tags, DateTimeOffset? LockedAt, long? InvoiceId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    bool AutoStopped,
    string? LockReason = null)
{
    /// <summary>Whether this is a running timer.</summary>
    public bool IsRunning => EndedAt is null;

    /// <summary>The response describing <paramref name="entry"/>.</summary>
    public static TimeEntryResponse Of(TimeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.UserId, entry.ProjectId, entry.TaskId, entry.Description, entry.StartedAt, entry.EndedAt, entry.DurationSeconds,
            entry.Billable, entry.Source, entry.Tags, entry.LockedAt, entry.InvoiceId, entry.CreatedAt, entry.UpdatedAt, entry.AutoStopped,
            entry.LockReason);
    }
}

using TimeTracker.Database;
using TimeTracker.Errors;

namespace TimeTracker.Tracking.Entries;

/// <summary>Rows of <c>time_entries</c>: reading them as the API answers them, and the checks before changing one.</summary>
internal static class TimeEntryStore
{
    /// <summary>The columns <see cref="Read(DbRow)"/> maps, for a <c>time_entries e</c>.</summary>
    public const string Columns =
        "e.id, e.user_id, e.project_id, e.task_id, e.description, e.started_at, e.ended_at, e.duration_seconds, e.billable, e.source, e.locked_at, " +
        "e.invoice_id, e.created_at, e.updated_at, e.auto_stopped";

    /// <summary>An entry of the organization the caller may see (their own, or anyone's for admins and owners), with
    /// its tags; else its 404.</summary>
    public static Task<TimeEntry> VisibleAsync(DbSession session, MemberContext member, long id, CancellationToken cancellationToken) =>
        VisibleAsync(session, member, id, forChange: false, cancellationToken);

    /// <summary>One of the caller's own entries, with its tags; anyone else's is a 404, for admins and owners too
    /// (what only its owner may do with it, such as continuing it).</summary>
    public static Task<TimeEntry> OwnAsync(DbSession session, MemberContext member, long id, CancellationToken cancellationToken) =>
        VisibleAsync(session, member, id, forChange: false, cancellationToken, ownOnly: true);

    private static async Task<TimeEntry> VisibleAsync(
        DbSession session, MemberContext member, long id, bool forChange, CancellationToken cancellationToken, bool ownOnly = false)
    {
        // Held until the change commits, so that an invoice draft or a timer cannot lock or stop the entry between
        // this check and the write.
        var lockRow = forChange ? session.Dialect.LockForChange() : "";
        var entry = await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM time_entries e WHERE e.id = @id AND e.organization_id = @org{lockRow}",
            Read, cancellationToken, ("id", id), ("org", member.OrganizationId));
        if (entry is null || (entry.UserId != member.UserId && (ownOnly || !member.IsManager)))
            throw new NotFoundException("Time entry", id, $"No time entry {id} among those you can see in organization {member.OrganizationId}.");
        return await WithTagsAsync(session, entry, cancellationToken);
    }

    /// <summary><see cref="VisibleAsync(DbSession, MemberContext, long, CancellationToken)"/>, locked for the change,
    /// and a 409 when the entry is invoiced.</summary>
    public static async Task<TimeEntry> ChangeableAsync(DbSession session, MemberContext member, long id, CancellationToken cancellationToken)
    {
        var entry = await VisibleAsync(session, member, id, forChange: true, cancellationToken);
        if (entry.LockedAt is not null)
            throw new ConflictException("Time entry locked", entry.InvoiceId is { } invoice
                ? $"Time entry {id} is on invoice {invoice} and cannot be changed or deleted; void the invoice to unlock it."
                : $"Time entry {id} was locked by an invoicing that predates invoice links and cannot be changed or deleted.");
        return entry;
    }

    /// <summary>The user's running timer in the organization, if any.</summary>
    public static Task<TimeEntry?> RunningAsync(DbSession session, long organizationId, long userId, CancellationToken cancellationToken) =>
        session.RunAsync(batch => Running(batch, organizationId, userId), cancellationToken);

    /// <summary>Queues the read of <see cref="RunningAsync"/>.</summary>
    public static BatchResult<TimeEntry?> Running(SqlBatch batch, long organizationId, long userId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.QuerySingleOrDefault(
            $"SELECT {Columns} FROM time_entries e WHERE e.organization_id = @org AND e.user_id = @user AND e.ended_at IS NULL",
            Read, ("org", organizationId), ("user", userId));
    }

    /// <summary>The entry with its tag names.</summary>
    public static async Task<TimeEntry> WithTagsAsync(DbSession session, TimeEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tags = await EntryTags.OfEntriesAsync(session, [entry.Id], cancellationToken);
        return entry with { Tags = [.. tags[entry.Id]] };
    }

    /// <summary>Whole seconds from start to end (never negative).</summary>
    public static long DurationSeconds(DateTimeOffset startedAt, DateTimeOffset endedAt) =>
        Math.Max(0, (long)Math.Floor((endedAt - startedAt).TotalSeconds));

    /// <summary>Maps <see cref="Columns"/>, without tags.</summary>
    public static TimeEntry Read(DbRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Int64("id"), r.Int64("user_id"), r.Int64OrNull("project_id"), r.Int64OrNull("task_id"),
            r.StringOrNull("description"), r.Instant("started_at"), r.InstantOrNull("ended_at"), r.Int64OrNull("duration_seconds"),
            r.Boolean("billable"), r.String("source"), [], r.InstantOrNull("locked_at"), r.Int64OrNull("invoice_id"),
            r.Instant("created_at"), r.Instant("updated_at"), r.Boolean("auto_stopped"));
    }
}

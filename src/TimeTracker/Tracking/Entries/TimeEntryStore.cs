using System.Data.Common;
using TimeTracker.Database;
using TimeTracker.Hosting;

namespace TimeTracker.Tracking.Entries;

/// <summary>Rows of <c>time_entries</c>: reading them as the API answers them, and the checks before changing one.</summary>
internal static class TimeEntryStore
{
    /// <summary>The columns <see cref="Read"/> maps, for a <c>time_entries e</c>.</summary>
    public const string Columns =
        "e.id, e.user_id, e.project_id, e.task_id, e.description, e.started_at, e.ended_at, e.duration_seconds, e.billable, e.source, e.locked_at, e.invoice_id, e.created_at, e.updated_at";

    /// <summary>An entry of the organization the caller may see (their own, or anyone's for admins and owners), with its tags; else its 404.</summary>
    public static async Task<TimeEntryResponse> VisibleAsync(DbConnection connection, DbTransaction? transaction, MemberContext member, long id, CancellationToken cancellationToken)
    {
        var entry = await connection.QuerySingleOrDefaultAsync(transaction,
            $"SELECT {Columns} FROM time_entries e WHERE e.id = @id AND e.organization_id = @org",
            Read, cancellationToken, ("id", id), ("org", member.OrganizationId)).ConfigureAwait(false);
        if (entry is null || (entry.UserId != member.UserId && !member.IsManager))
            throw new ApiProblemException(404, "Time entry not found", $"No time entry {id} among those you can see in organization {member.OrganizationId}.");
        return await WithTagsAsync(connection, transaction, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="VisibleAsync"/>, and a 409 when the entry is invoiced.</summary>
    public static async Task<TimeEntryResponse> ChangeableAsync(DbConnection connection, DbTransaction transaction, MemberContext member, long id, CancellationToken cancellationToken)
    {
        var entry = await VisibleAsync(connection, transaction, member, id, cancellationToken).ConfigureAwait(false);
        if (entry.LockedAt is not null)
            throw new ApiProblemException(409, "Time entry locked",
                $"Time entry {id} is on invoice {entry.InvoiceId} and cannot be changed or deleted; void the invoice to unlock it.");
        return entry;
    }

    /// <summary>The user's running timer in the organization, if any.</summary>
    public static Task<TimeEntryResponse?> RunningAsync(DbConnection connection, DbTransaction? transaction, long organizationId, long userId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync(transaction,
            $"SELECT {Columns} FROM time_entries e WHERE e.organization_id = @org AND e.user_id = @user AND e.ended_at IS NULL",
            Read, cancellationToken, ("org", organizationId), ("user", userId));

    /// <summary>The entry with its tag names.</summary>
    public static async Task<TimeEntryResponse> WithTagsAsync(DbConnection connection, DbTransaction? transaction, TimeEntryResponse entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tags = await EntryTags.OfEntriesAsync(connection, transaction, [entry.Id], cancellationToken).ConfigureAwait(false);
        return entry with { Tags = [.. tags[entry.Id]] };
    }

    /// <summary>Whole seconds from start to end (never negative).</summary>
    public static long DurationSeconds(DateTimeOffset startedAt, DateTimeOffset endedAt) =>
        Math.Max(0, (long)Math.Floor((endedAt - startedAt).TotalSeconds));

    /// <summary>Maps <see cref="Columns"/>, without tags.</summary>
    public static TimeEntryResponse Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3), r.GetStringOrNull(4),
            r.GetInstant(5), r.GetInstantOrNull(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.GetBoolean(8), r.GetString(9), [],
            r.GetInstantOrNull(10), r.IsDBNull(11) ? null : r.GetInt64(11), r.GetInstant(12), r.GetInstant(13));
}

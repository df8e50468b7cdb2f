using System.Data.Common;
using TimeTracker.Accounts;
using TimeTracker.Database;
using TimeTracker.Hosting;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The caller's timer in an organization: a time entry with no end. At most one runs per user and organization
/// (a unique partial index holds that even against concurrent requests); starting one stops the one running.
/// </summary>
internal sealed class RunningTimer(AppDatabase database, TimeProvider time)
{
    /// <summary>Stops the caller's running timer, if any, and starts a new one now.</summary>
    public async Task<TimeEntryResponse> StartAsync(long userId, long organizationId, StartTimerRequest request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var description = validation.OptionalText("description", request.Description, TimeEntries.MaximumDescriptionLength);
        var tags = EntryTags.Normalize(validation, request.Tags) ?? [];
        validation.ThrowIfInvalid();

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The membership lock orders one user's starts; should another writer slip a timer in regardless, the
            // unique index refuses the second and one retry stops it.
            for (var attempt = 1; ; attempt++)
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var (member, running) = await MemberAndTimerAsync(connection, transaction, userId, organizationId, lockMembership: true, cancellationToken).ConfigureAwait(false);
                    var (projectId, taskId) = await EntryPlacement.ResolveAsync(connection, transaction, organizationId, request.ProjectId, request.TaskId, cancellationToken).ConfigureAwait(false);
                    var now = time.GetUtcNow();
                    if (running is not null)
                        await StopAsync(connection, transaction, running, now, cancellationToken).ConfigureAwait(false);
                    var billable = request.Billable ?? projectId is not null;
                    long id;
                    try
                    {
                        id = (long)(await connection.ScalarAsync(transaction,
                            "INSERT INTO time_entries (organization_id, user_id, project_id, task_id, description, started_at, billable, source, created_at, updated_at) " +
                            "VALUES (@org, @user, @project, @task, @description, @now, @billable, @source, @now, @now) RETURNING id",
                            cancellationToken, ("org", organizationId), ("user", userId), ("project", projectId), ("task", taskId), ("description", description),
                            ("billable", billable), ("source", EntrySource.Timer), ("now", now)).ConfigureAwait(false))!;
                    }
                    catch (DbException ex) when (attempt == 1 && UserStore.IsUniqueViolation(ex))
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    if (tags.Count > 0)
                        await EntryTags.ReplaceAsync(connection, transaction, organizationId, id, tags, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    // Everything the answer holds was just written.
                    return new TimeEntryResponse(id, member.UserId, projectId, taskId, description, Stored(now), null, null, billable, EntrySource.Timer,
                        tags, null, null, Stored(now), Stored(now));
                }
            }
        }
    }

    /// <summary>Stops the caller's running timer; 409 when none runs.</summary>
    public async Task<TimeEntryResponse> StopAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Locked as a start is, so that a stop never misses the timer a concurrent start is putting in place.
                var (_, running) = await MemberAndTimerAsync(connection, transaction, userId, organizationId, lockMembership: true, cancellationToken).ConfigureAwait(false);
                var stopped = (running is null ? null : await StopAsync(connection, transaction, running, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                    ?? throw new ApiProblemException(409, "No timer running", $"You have no running timer in organization {organizationId}; start one with POST /orgs/{organizationId}/timer/start.");
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return await TimeEntryStore.WithTagsAsync(connection, null, stopped, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The caller's running timer, or null.</summary>
    public async Task<TimeEntryResponse?> CurrentAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var (_, running) = await MemberAndTimerAsync(connection, null, userId, organizationId, lockMembership: false, cancellationToken).ConfigureAwait(false);
            return running is null ? null : await TimeEntryStore.WithTagsAsync(connection, null, running, cancellationToken).ConfigureAwait(false);
        }
    }

    // The caller's membership (404 without one) and running timer. With lockMembership the membership row stays
    // locked until the transaction ends (on PostgreSQL; SQLite's write transactions are serial anyway), so that one
    // user's timer starts in one organization happen one after the other; the timer is then read by a statement of
    // its own, which sees what a start that held the lock before committed. Without it, one statement reads both.
    private async Task<(MemberContext Member, TimeEntryResponse? Running)> MemberAndTimerAsync(DbConnection connection, DbTransaction? transaction,
        long userId, long organizationId, bool lockMembership, CancellationToken cancellationToken)
    {
        if (lockMembership && database.IsPostgres)
        {
            var role = await connection.ScalarAsync(transaction, "SELECT role FROM memberships WHERE organization_id = @org AND user_id = @user FOR NO KEY UPDATE",
                cancellationToken, ("org", organizationId), ("user", userId)).ConfigureAwait(false) as string
                ?? throw Organizations.OrganizationDirectory.NotFound(organizationId);
            return (new MemberContext(organizationId, userId, role),
                await TimeEntryStore.RunningAsync(connection, transaction, organizationId, userId, cancellationToken).ConfigureAwait(false));
        }
        var found = await connection.QuerySingleOrDefaultAsync(transaction,
            $"SELECT m.role, {TimeEntryStore.Columns} FROM memberships m LEFT JOIN time_entries e " +
            "ON e.organization_id = m.organization_id AND e.user_id = m.user_id AND e.ended_at IS NULL WHERE m.organization_id = @org AND m.user_id = @user",
            r => (Role: r.GetString(0), Running: r.IsDBNull(1) ? null : TimeEntryStore.Read(r, 1)), cancellationToken, ("org", organizationId), ("user", userId)).ConfigureAwait(false);
        return found.Role is null
            ? throw Organizations.OrganizationDirectory.NotFound(organizationId)
            : (new MemberContext(organizationId, userId, found.Role), found.Running);
    }

    // Ends a running timer at now; the update's condition makes a concurrent stop of the same timer a no-op (null).
    private async Task<TimeEntryResponse?> StopAsync(DbConnection connection, DbTransaction transaction, TimeEntryResponse running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = now > running.StartedAt ? now : running.StartedAt;
        var duration = TimeEntryStore.DurationSeconds(running.StartedAt, end);
        var changed = await connection.ExecuteAsync(transaction,
            "UPDATE time_entries SET ended_at = @end, duration_seconds = @duration, updated_at = @now WHERE id = @id AND ended_at IS NULL",
            cancellationToken, ("end", end), ("duration", duration), ("now", now), ("id", running.Id)).ConfigureAwait(false);
        return changed == 0 ? null : running with { EndedAt = Stored(end), DurationSeconds = duration, UpdatedAt = Stored(now) };
    }

    // An instant as the database gives it back: PostgreSQL keeps microseconds.
    private DateTimeOffset Stored(DateTimeOffset instant) =>
        database.IsPostgres ? new DateTimeOffset(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero) : instant.ToUniversalTime();
}

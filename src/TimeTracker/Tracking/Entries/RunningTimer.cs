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
                    var member = await MemberContext.LockAsync(connection, transaction, userId, organizationId, cancellationToken).ConfigureAwait(false);
                    var (projectId, taskId) = await EntryPlacement.ResolveAsync(connection, transaction, organizationId, request.ProjectId, request.TaskId, cancellationToken).ConfigureAwait(false);
                    var now = time.GetUtcNow();
                    await StopRunningAsync(connection, transaction, member, now, cancellationToken).ConfigureAwait(false);
                    long id;
                    try
                    {
                        id = (long)(await connection.ScalarAsync(transaction,
                            "INSERT INTO time_entries (organization_id, user_id, project_id, task_id, description, started_at, billable, source, created_at, updated_at) " +
                            "VALUES (@org, @user, @project, @task, @description, @now, @billable, @source, @now, @now) RETURNING id",
                            cancellationToken, ("org", organizationId), ("user", userId), ("project", projectId), ("task", taskId), ("description", description),
                            ("billable", request.Billable ?? projectId is not null), ("source", EntrySource.Timer), ("now", now)).ConfigureAwait(false))!;
                    }
                    catch (DbException ex) when (attempt == 1 && UserStore.IsUniqueViolation(ex))
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    await EntryTags.ReplaceAsync(connection, transaction, organizationId, id, tags, cancellationToken).ConfigureAwait(false);
                    var started = await TimeEntryStore.VisibleAsync(connection, transaction, member, id, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return started;
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
                var member = await MemberContext.LockAsync(connection, transaction, userId, organizationId, cancellationToken).ConfigureAwait(false);
                var stopped = await StopRunningAsync(connection, transaction, member, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                    ?? throw new ApiProblemException(409, "No timer running", $"You have no running timer in organization {organizationId}; start one with POST /orgs/{organizationId}/timer/start.");
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return stopped;
            }
        }
    }

    /// <summary>The caller's running timer, or null.</summary>
    public async Task<TimeEntryResponse?> CurrentAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await MemberContext.LoadAsync(connection, null, userId, organizationId, cancellationToken).ConfigureAwait(false);
            var running = await TimeEntryStore.RunningAsync(connection, null, organizationId, userId, cancellationToken).ConfigureAwait(false);
            return running is null ? null : await TimeEntryStore.WithTagsAsync(connection, null, running, cancellationToken).ConfigureAwait(false);
        }
    }

    // Ends the running timer at now; the update's condition makes a concurrent stop of the same timer a no-op.
    private static async Task<TimeEntryResponse?> StopRunningAsync(DbConnection connection, DbTransaction transaction, MemberContext member, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var running = await TimeEntryStore.RunningAsync(connection, transaction, member.OrganizationId, member.UserId, cancellationToken).ConfigureAwait(false);
        if (running is null)
            return null;
        var end = now > running.StartedAt ? now : running.StartedAt;
        var duration = TimeEntryStore.DurationSeconds(running.StartedAt, end);
        var changed = await connection.ExecuteAsync(transaction,
            "UPDATE time_entries SET ended_at = @end, duration_seconds = @duration, updated_at = @now WHERE id = @id AND ended_at IS NULL",
            cancellationToken, ("end", end), ("duration", duration), ("now", now), ("id", running.Id)).ConfigureAwait(false);
        return changed == 0 ? null : await TimeEntryStore.WithTagsAsync(connection, transaction, running with { EndedAt = end, DurationSeconds = duration, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
    }
}
